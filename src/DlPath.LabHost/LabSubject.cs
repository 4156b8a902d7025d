using System.Reflection;
using System.Runtime.ExceptionServices;

namespace DlPath.LabHost;

/// <summary>
/// The learner's code as the checks see it: <c>Class.Method</c> names bound by reflection inside the lab's
/// namespace. Several namespaces may be given: a type comes from the first that has it, a static method from the
/// first whose class has a method of that name and arity (tests put a seeded bug's namespace before the reference
/// solution's, so a bug variant only needs the methods it breaks).
/// </summary>
public sealed class LabSubject
{
    private readonly Assembly _assembly;
    private readonly string[] _namespaces;

    /// <summary>Binds types of <paramref name="assembly"/> in <paramref name="namespaces"/>, first match wins.</summary>
    public LabSubject(Assembly assembly, params string[] namespaces)
    {
        _assembly = assembly;
        _namespaces = namespaces;
    }

    /// <summary>The learner's type <paramref name="name"/>.</summary>
    /// <exception cref="LabBindingException">No such public type.</exception>
    public Type Type(string name)
    {
        foreach (var ns in _namespaces)
        {
            var t = _assembly.GetType($"{ns}.{name}", throwOnError: false);
            if (t is not null) return t;
        }

        throw new LabBindingException($"type '{name}' not found in namespace {_namespaces[^1]} (did you rename or delete it?)");
    }

    /// <summary>Calls the public static method <c>Class.Method</c> with <paramref name="args"/>.</summary>
    /// <exception cref="LabBindingException">The method is missing or takes other parameters.</exception>
    public T Call<T>(string qualified, params object?[] args)
    {
        var dot = qualified.LastIndexOf('.');
        var typeName = qualified[..dot];
        var name = qualified[(dot + 1)..];
        Type(typeName); // a clear error when the class itself is missing
        foreach (var ns in _namespaces)
        {
            var method = _assembly.GetType($"{ns}.{typeName}", throwOnError: false)?
                .GetMethods(BindingFlags.Public | BindingFlags.Static)
                .FirstOrDefault(m => m.Name == name && m.GetParameters().Length == args.Length);
            if (method is not null) return Convert<T>(Invoke(method, null, args), qualified);
        }

        throw new LabBindingException($"public static method {qualified} with {args.Length} parameters not found: keep the starter's signature");
    }

    /// <summary>
    /// Casts a result to <typeparamref name="T"/>; a value tuple with the learner's own element types (a cache
    /// class) becomes the grader's tuple type (object for those elements) element by element.
    /// </summary>
    private static T Convert<T>(object? value, string qualified)
    {
        if (value is T t) return t;
        if (value is System.Runtime.CompilerServices.ITuple tuple && typeof(T).IsValueType && typeof(T).FullName!.StartsWith("System.ValueTuple", StringComparison.Ordinal))
        {
            var items = Enumerable.Range(0, tuple.Length).Select(i => tuple[i]).ToArray();
            return (T)Activator.CreateInstance(typeof(T), items)!;
        }

        throw new LabBindingException($"{qualified} returned {value?.GetType().Name ?? "null"} where the grader expects {typeof(T).Name}: keep the starter's return type");
    }

    /// <summary>Creates an instance of the learner's <paramref name="typeName"/>.</summary>
    public object New(string typeName, params object?[] args)
    {
        var type = Type(typeName);
        var ctor = type.GetConstructors().FirstOrDefault(c => c.GetParameters().Length == args.Length)
            ?? throw new LabBindingException($"public constructor {typeName}({args.Length} parameters) not found: keep the starter's signature");
        try
        {
            return ctor.Invoke(args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Invokes <paramref name="method"/>, rethrowing the learner's own exception (not the reflection wrapper).</summary>
    public static object? Invoke(MethodBase method, object? target, object?[] args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
        catch (ArgumentException e)
        {
            throw new LabBindingException($"{method.DeclaringType?.Name}.{method.Name} takes other parameter types than the grader passes ({e.Message}): keep the starter's signature");
        }
    }
}

using System.Collections;
using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// A list of modules whose parameters belong to the owner (<c>torch.nn.ModuleList</c>): for layers built in a loop.
/// Children are named "0", "1", ...; it has no forward of its own.
/// </summary>
public sealed class ModuleList : Module, IEnumerable<Module>
{
    private readonly List<Module> _modules = [];

    /// <summary>Creates the list from <paramref name="modules"/>.</summary>
    public ModuleList(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules) Add(m);
    }

    /// <summary>Number of modules.</summary>
    public int Count => _modules.Count;

    /// <summary>The module at <paramref name="index"/> (negative counts from the end).</summary>
    public Module this[int index] => _modules[index < 0 ? index + _modules.Count : index];

    /// <summary>Appends a module (<c>append</c>).</summary>
    public ModuleList Add(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        RegisterModule(_modules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        _modules.Add(module);
        return this;
    }

    /// <summary>Not available: a ModuleList only holds modules; the owner decides how to call them.</summary>
    public override Tensor Forward(Tensor input) =>
        throw new InvalidOperationException("ModuleList has no forward: iterate over it in the owning module's Forward and call each module");

    /// <inheritdoc />
    public IEnumerator<Module> GetEnumerator() => _modules.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

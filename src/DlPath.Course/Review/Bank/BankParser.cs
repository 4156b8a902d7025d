using System.Globalization;
using DlPath.Course.Review.Generators;

namespace DlPath.Course.Review.Bank;

/// <summary>
/// Reads the human-readable bank format (one file per area). Every problem is reported as
/// <c>file:line: message</c>.
/// </summary>
/// <remarks>
/// <code>
/// #! dlpath-bank 1
/// area: math
/// version: 2026.11.1
///
/// @ math.la.001 | linear-algebra | recall | 1 | phase2/linear-algebra
/// Q: What does the rank of a matrix measure?
/// A: The number of linearly independent columns (= rows) ...
///
/// @ math.la.002 | linear-algebra | choice | 2 | phase2/linear-algebra, phase2/dl-specialization/course1
/// Q: ...
/// - a wrong option
/// * the right option
/// A: why
///
/// @ math.gen.eig | linear-algebra | generated | 2 | phase2/linear-algebra
/// Q: Eigenvalues of a 2x2 matrix (fresh numbers)
/// G: eigenvalue-2x2
/// </code>
/// A line starting with two spaces continues the previous field; lines starting with <c>#</c> are comments.
/// </remarks>
public static class BankParser
{
    /// <summary>The format version this parser reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>A parsed bank file.</summary>
    /// <param name="Area">The file's area.</param>
    /// <param name="Version">The content version written in the file.</param>
    /// <param name="Cards">Its cards.</param>
    public sealed record BankFile(Area Area, string Version, IReadOnlyList<QuestionCard> Cards);

    /// <summary>Parses one bank file.</summary>
    /// <exception cref="FormatException">The first problem found, as <c>file:line: message</c>.</exception>
    public static BankFile Parse(string fileName, string text)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        Area? area = null;
        string? version = null;
        bool sawMagic = false;
        var cards = new List<QuestionCard>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Draft? draft = null;

        for (int i = 0; i < lines.Length; i++)
        {
            string raw = lines[i].TrimEnd();
            int lineNo = i + 1;
            if (!sawMagic)
            {
                if (raw.Length == 0)
                {
                    continue;
                }

                if (raw != $"#! dlpath-bank {FormatVersion}")
                {
                    throw Error(fileName, lineNo, $"a bank file must start with '#! dlpath-bank {FormatVersion}', found '{raw}'.");
                }

                sawMagic = true;
                continue;
            }

            if (raw.Length == 0 || raw.StartsWith('#'))
            {
                continue;
            }

            if (raw.StartsWith("@ ", StringComparison.Ordinal))
            {
                if (draft is not null)
                {
                    cards.Add(draft.Build(fileName));
                }

                if (area is null || version is null)
                {
                    throw Error(fileName, lineNo, "the 'area:' and 'version:' headers must come before the first card.");
                }

                draft = Draft.FromHeader(fileName, lineNo, raw[2..], area.Value);
                if (!ids.Add(draft.Id))
                {
                    throw Error(fileName, lineNo, $"duplicate card id '{draft.Id}'.");
                }

                continue;
            }

            if (draft is null)
            {
                if (raw.StartsWith("area:", StringComparison.Ordinal))
                {
                    string name = raw[5..].Trim();
                    area = AreaNames.TryParseArea(name, out var a)
                        ? a
                        : throw Error(fileName, lineNo, $"unknown area '{name}'; use math, ml, dl or dsa.");
                }
                else if (raw.StartsWith("version:", StringComparison.Ordinal))
                {
                    version = raw[8..].Trim();
                }
                else
                {
                    throw Error(fileName, lineNo, $"expected a header ('area:', 'version:') or a card ('@ id | ...'), found '{raw}'.");
                }

                continue;
            }

            draft.AddLine(fileName, lineNo, raw);
        }

        if (!sawMagic)
        {
            throw Error(fileName, 1, "the file is empty.");
        }

        if (draft is not null)
        {
            cards.Add(draft.Build(fileName));
        }

        if (area is null || version is null)
        {
            throw Error(fileName, lines.Length, "missing 'area:' or 'version:' header.");
        }

        return new BankFile(area.Value, version, cards);
    }

    private static FormatException Error(string file, int line, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{file}:{line}: {message}"));

    private sealed class Draft
    {
        private readonly List<string> _options = [];
        private int? _correct;
        private string? _question;
        private string? _answer;
        private string? _generator;
        private Action<string>? _continue;

        private Draft(string id, Area area, string topic, CardKind kind, int difficulty, IReadOnlyList<string> tasks, int line)
        {
            Id = id;
            Area = area;
            Topic = topic;
            Kind = kind;
            Difficulty = difficulty;
            Tasks = tasks;
            Line = line;
        }

        public string Id { get; }

        private Area Area { get; }

        private string Topic { get; }

        private CardKind Kind { get; }

        private int Difficulty { get; }

        private IReadOnlyList<string> Tasks { get; }

        private int Line { get; }

        public static Draft FromHeader(string file, int line, string header, Area area)
        {
            var parts = header.Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length != 5)
            {
                throw Error(file, line, $"a card header is '@ id | topic | kind | difficulty | tasks', found {parts.Length} field(s).");
            }

            string id = parts[0];
            if (!id.StartsWith(area.ToName() + ".", StringComparison.Ordinal) || id.Contains(' ', StringComparison.Ordinal))
            {
                throw Error(file, line, $"card id '{id}' must start with '{area.ToName()}.' and contain no spaces.");
            }

            if (parts[1].Length == 0)
            {
                throw Error(file, line, $"card '{id}' has no topic.");
            }

            if (!AreaNames.TryParseKind(parts[2], out var kind))
            {
                throw Error(file, line, $"card '{id}': unknown kind '{parts[2]}'; use recall, choice or generated.");
            }

            if (!int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out int difficulty) || difficulty is < 1 or > 3)
            {
                throw Error(file, line, $"card '{id}': difficulty '{parts[3]}' must be 1, 2 or 3.");
            }

            string[] tasks = parts[4].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (tasks.Length == 0 || tasks.Any(t => !t.Contains('/', StringComparison.Ordinal)))
            {
                throw Error(file, line, $"card '{id}': tasks '{parts[4]}' must be roadmap ids like 'phase2/linear-algebra'.");
            }

            return new Draft(id, area, parts[1], kind, difficulty, tasks, line);
        }

        public void AddLine(string file, int line, string raw)
        {
            if (raw.StartsWith("  ", StringComparison.Ordinal))
            {
                if (_continue is null)
                {
                    throw Error(file, line, $"card '{Id}': a continuation line must follow a Q:, A: or option line.");
                }

                _continue(raw.Trim());
                return;
            }

            if (raw.StartsWith("Q:", StringComparison.Ordinal))
            {
                _question = raw[2..].Trim();
                _continue = s => _question += "\n" + s;
            }
            else if (raw.StartsWith("A:", StringComparison.Ordinal))
            {
                _answer = raw[2..].Trim();
                _continue = s => _answer += "\n" + s;
            }
            else if (raw.StartsWith("G:", StringComparison.Ordinal))
            {
                _generator = raw[2..].Trim();
                _continue = null;
            }
            else if (raw.StartsWith("- ", StringComparison.Ordinal) || raw.StartsWith("* ", StringComparison.Ordinal))
            {
                if (raw[0] == '*')
                {
                    if (_correct is not null)
                    {
                        throw Error(file, line, $"card '{Id}': more than one option is marked '*' (correct).");
                    }

                    _correct = _options.Count;
                }

                int index = _options.Count;
                _options.Add(raw[2..].Trim());
                _continue = s => _options[index] += " " + s;
            }
            else
            {
                throw Error(file, line, $"card '{Id}': expected 'Q:', 'A:', 'G:', '- option' or '* correct option', found '{raw}'.");
            }
        }

        public QuestionCard Build(string file)
        {
            if (string.IsNullOrWhiteSpace(_question))
            {
                throw Error(file, Line, $"card '{Id}' has no question (Q:).");
            }

            switch (Kind)
            {
                case CardKind.Recall when string.IsNullOrWhiteSpace(_answer):
                    throw Error(file, Line, $"recall card '{Id}' has no answer (A:).");
                case CardKind.Recall when _options.Count > 0 || _generator is not null:
                    throw Error(file, Line, $"recall card '{Id}' must not have options or a generator.");
                case CardKind.Choice when _options.Count < 3 || _correct is null:
                    throw Error(file, Line, $"choice card '{Id}' needs at least 3 options with exactly one marked '*'; has {_options.Count} option(s), {(_correct is null ? "none" : "one")} marked.");
                case CardKind.Choice when _options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != _options.Count:
                    throw Error(file, Line, $"choice card '{Id}' repeats an option.");
                case CardKind.Generated when _generator is null:
                    throw Error(file, Line, $"generated card '{Id}' needs a generator (G: id).");
                case CardKind.Generated when GeneratorRegistry.Find(_generator) is null:
                    throw Error(file, Line, $"generated card '{Id}': no generator '{_generator}'; known: {string.Join(", ", GeneratorRegistry.All.Select(g => g.Id).Order())}.");
                default:
                    break;
            }

            string source = string.Create(CultureInfo.InvariantCulture, $"{file}:{Line}");
            return new QuestionCard(Id, Area, Topic, Kind, Difficulty, _question!, _answer ?? string.Empty, _options, _correct, Tasks, _generator, source);
        }
    }
}

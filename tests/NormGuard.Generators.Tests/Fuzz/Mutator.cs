using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NormGuard.Generators.Tests.Fuzz;

/// <summary>
/// Breaks a valid manifest the ways files really break (and the ways an attacker would): structure-aware edits of the
/// JSON tree first, then edits of the text. Driven by a seeded <see cref="Random"/> so a CsCheck seed replays a case.
/// </summary>
internal static class Mutator
{
    // Tokens that are numbers to some writer and not to JSON, or are numbers JSON readers get wrong.
    private static readonly string[] HostileNumbers =
    [
        "NaN", "Infinity", "-Infinity", "-NaN", "+1", "01", "-01", ".5", "1.", "1e", "1e+", "-", "--1", "0x10", "1_000",
        "1e999", "-1e999", "1e-999", "-0", "-0.0", "0e0", "4.9e-324", "2.4703282292062328e-324", "1.7976931348623157e308",
        "1.7976931348623159e308", "123456789012345678901234567890", "0.1e+0000000000000000000000001",
        "1e2147483648", "1e-2147483649", "9007199254740993", "2147483648", "-2147483649", "1.0", "3.00000", "1E2", "true", "null",
        new string('9', 400), "0." + new string('0', 400) + "1", "1" + new string('0', 5000) + "e-5000",
    ];

    private static readonly string[] WeirdStrings =
    [
        "", " ", "\0", "\uD800", "\uDC00x", "\uFFFF", "\u2028", "\uFEFF", "normguard.manifest/2", "NormGuard.Manifest/1", "train ",
        "TRAIN", "İ", "float16", "zscore\0", "minmax ", "allzeros", "Error", "9999-99-99", "2026-13-45T99:99:99Z", "yesterday",
    ];

    public static string Mutate(ManifestModel model, int treeEdits, int textEdits, Random random)
    {
        J root = model.ToJson();
        if (model.WithSha256 && random.Next(2) == 0)
        {
            // A hash that was right before the edits: every accepted parameter edit must then be caught.
            ((JObj)root).Add("sha256", new JStr(Manifest.Parse(JsonLayout.Compact.Write(root)).Sha256));
        }

        for (int i = 0; i < treeEdits; i++)
        {
            root = MutateTree(root, random);
        }

        string text = model.Layout.Write(root);
        for (int i = 0; i < textEdits && text.Length > 0; i++)
        {
            text = MutateText(text, random);
        }

        return text;
    }

    private static J MutateTree(J root, Random random)
    {
        var holder = new[] { root };
        List<Slot> slots = Slots(holder);
        Slot slot = slots[random.Next(slots.Count)];
        switch (random.Next(12))
        {
            case 0 when slot.Value is JObj { Members.Count: > 0 } obj:
                obj.Members.RemoveAt(random.Next(obj.Members.Count));
                break;
            case 1 when slot.Value is JObj { Members.Count: > 0 } obj:
                obj.Members.Add(obj.Members[random.Next(obj.Members.Count)]);
                break;
            case 2 when slot.Value is JObj obj:
                obj.Add(random.Next(2) == 0 ? "extra" : WeirdStrings[random.Next(WeirdStrings.Length)], JRaw.Number(1));
                break;
            case 3 when slot.Value is JArr { Items.Count: > 0 } array:
                array.Items.Add(array.Items[random.Next(array.Items.Count)].Clone());
                break;
            case 4 when slot.Value is JArr array:
                array.Items.Clear();
                break;
            case 5:
                slot.Set(WrongType(slot.Value, random));
                break;
            case 6:
                slot.Set(new JRaw(HostileNumbers[random.Next(HostileNumbers.Length)]));
                break;
            case 7 when slot.Value is JStr str:
                str.Value = WeirdStrings[random.Next(WeirdStrings.Length)];
                break;
            case 8:
                slot.Set(Nested(random.Next(1, 200), random.Next(2) == 0, slot.Value));
                break;
            case 9 when slot.Value is JStr str:
                str.Value = new string((char)random.Next('a', 'z' + 1), random.Next(1, 100_000));
                break;
            case 10 when slot.Value is JObj obj && obj.Members.FindIndex(m => m.Key == "op") is int op and >= 0:
                obj.Members[op] = new("op", new JStr(random.Next(2) == 0 ? "standardize" : "ZScore"));
                break;
            default:
                // Swap two values of the same object or array: fields of the right type in the wrong place.
                if (slot.Value is JArr { Items.Count: > 1 } items)
                {
                    items.Items.Reverse();
                }
                else
                {
                    slot.Set(WrongType(slot.Value, random));
                }

                break;
        }

        return holder[0];
    }

    private static J WrongType(J value, Random random)
    {
        J[] candidates =
        [
            new JStr("3"), JRaw.Number(3), JRaw.Number(-1), JRaw.Number(0.5), new JRaw("true"), new JRaw("false"), new JRaw("null"),
            new JArr([]), new JArr([JRaw.Number(1)]), new JObj(), new JObj().Add("op", new JStr("zscore")),
        ];
        J pick;
        do
        {
            pick = candidates[random.Next(candidates.Length)];
        }
        while (pick.GetType() == value.GetType() && random.Next(4) != 0);
        return pick;
    }

    private static J Nested(int depth, bool arrays, J inner)
    {
        J node = inner;
        for (int i = 0; i < depth; i++)
        {
            node = arrays ? new JArr([node]) : new JObj().Add("k", node);
        }

        return node;
    }

    private static string MutateText(string text, Random random)
    {
        switch (random.Next(8))
        {
            case 0:
                return text[..TruncationPoint(text, random)];
            case 1:
                return "\uFEFF" + text;
            case 2:
                return random.Next(2) == 0 ? "\uFEFF\uFEFF" + text : " \uFEFF" + text;
            case 3:
            {
                // Characters flipped: JSON punctuation, raw controls, NUL, lone surrogates, or anything.
                var chars = text.ToCharArray();
                const string Alphabet = "{}[]\":,0-9.eE \\ntfuN\u0000\u0001\u001f\uD800\uDFFF\uFFFF\uFEFF\u2028";
                for (int k = random.Next(1, 4); k > 0; k--)
                {
                    chars[random.Next(chars.Length)] = random.Next(3) == 0 ? (char)random.Next(0x10000) : Alphabet[random.Next(Alphabet.Length)];
                }

                return new string(chars);
            }

            case 4:
            {
                int at = random.Next(text.Length);
                return text.Remove(at, Math.Min(text.Length - at, random.Next(1, 40)));
            }

            case 5:
            {
                int at = random.Next(text.Length);
                int length = Math.Min(text.Length - at, random.Next(1, 200));
                return text.Insert(at, text.Substring(at, length));
            }

            case 6:
                return text + (random.Next(2) == 0 ? "}" : " x");
            default:
            {
                // A raw byte-level flip as a UTF-8 decoder would surface it: invalid sequences become U+FFFD.
                byte[] bytes = Encoding.UTF8.GetBytes(text);
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return Encoding.UTF8.GetString(bytes);
            }
        }
    }

    /// <summary>A cut in each class of position: inside a string, inside a number or literal, after punctuation, or anywhere.</summary>
    private static int TruncationPoint(string text, Random random)
    {
        string classes = random.Next(6) switch
        {
            0 => "\"",
            1 => "0123456789.eE-",
            2 => "{[",
            3 => ":,",
            4 => "\\tfnu",
            _ => string.Empty,
        };
        if (classes.Length > 0)
        {
            int[] positions = Enumerable.Range(0, text.Length).Where(i => classes.Contains(text[i], StringComparison.Ordinal)).ToArray();
            if (positions.Length > 0)
            {
                return positions[random.Next(positions.Length)] + random.Next(2);
            }
        }

        return random.Next(text.Length);
    }

    private sealed record Slot(J Value, Action<J> Set);

    private static List<Slot> Slots(J[] holder)
    {
        var slots = new List<Slot> { new(holder[0], v => holder[0] = v) };
        for (int i = 0; i < slots.Count; i++)
        {
            switch (slots[i].Value)
            {
                case JObj obj:
                    for (int m = 0; m < obj.Members.Count; m++)
                    {
                        int index = m;
                        slots.Add(new(obj.Members[m].Value, v => obj.Members[index] = new(obj.Members[index].Key, v)));
                    }

                    break;
                case JArr array:
                    for (int m = 0; m < array.Items.Count; m++)
                    {
                        int index = m;
                        slots.Add(new(array.Items[m], v => array.Items[index] = v));
                    }

                    break;
            }
        }

        return slots;
    }
}

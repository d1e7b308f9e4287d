using System;
using System.Collections.Generic;
using System.Text;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>
    /// Whether an identifier names evaluation data. The name is split into words at camelCase humps, digits and
    /// underscores (<c>testRows</c> → test, rows; <c>X_val</c> → x, val; <c>holdOut</c> → hold, out) and matched word by
    /// word, never by substring, so <c>latest</c>, <c>contest</c>, <c>attestation</c> and <c>testament</c> do not match.
    /// </summary>
    internal static class EvaluationNames
    {
        /// <summary>A word that alone says "evaluation data".</summary>
        private static readonly HashSet<string> Evaluation = new HashSet<string>(StringComparer.Ordinal)
        {
            "test", "tests", "testing", "validation", "validations", "val", "holdout", "holdouts", "heldout", "eval", "evaluation",
            "tune", "tuning", "dev", "oos",
        };

        /// <summary>Suffixes that make one lower-case word of an evaluation word: <c>testset</c>, <c>valdata</c>, <c>holdoutrows</c>.</summary>
        private static readonly string[] Suffixes =
        {
            "set", "sets", "data", "rows", "view", "split", "part", "fold", "folds", "samples", "examples", "records", "points", "df", "ds",
        };

        /// <summary>Nouns that make "val" a validation set: <c>X_val</c>, <c>valRows</c>, <c>val_ds</c>.</summary>
        private static readonly HashSet<string> DataNouns = new HashSet<string>(StringComparer.Ordinal)
        {
            "x", "y", "set", "sets", "data", "rows", "view", "split", "part", "fold", "folds", "samples", "examples", "records",
            "points", "df", "ds", "dl", "loader", "features", "labels", "inputs", "targets", "items", "list", "array",
        };

        /// <summary>"valid" alone is an adjective (<c>validRows</c> are rows that passed checks); before these words it is a split.</summary>
        private static readonly HashSet<string> ValidSplitNouns = new HashSet<string>(StringComparer.Ordinal)
        {
            "set", "sets", "split", "part", "fold", "folds", "ds", "dl",
        };

        /// <summary>A word before the evaluation word that negates it: <c>nonTestRows</c>, <c>rowsWithoutTest</c>.</summary>
        private static readonly HashSet<string> Negations = new HashSet<string>(StringComparer.Ordinal)
        {
            "no", "non", "not", "without", "except", "excluding", "exclude", "minus", "sans", "pre", "fine",
        };

        private static readonly HashSet<string> Training = new HashSet<string>(StringComparer.Ordinal)
        {
            "train", "training", "trainset", "trn",
        };

        public static bool IsEvaluation(string identifier)
        {
            if (!MayBeEvaluation(identifier))
            {
                return false; // the common case, without splitting the name
            }

            List<string> words = Words(identifier);
            for (int i = 0; i < words.Count; i++)
            {
                if (!IsEvaluationWord(words, i))
                {
                    continue;
                }

                bool negated = false;
                for (int j = 0; j < i && !negated; j++)
                {
                    negated = Negations.Contains(words[j]);
                }

                // crossValidationResults, cross_validation_data: the data of a cross-validation, not a validation split.
                if (!negated && !(i > 0 && words[i - 1] == "cross"))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MayBeEvaluation(string identifier) =>
            identifier.IndexOf("test", StringComparison.OrdinalIgnoreCase) >= 0
            || identifier.IndexOf("tun", StringComparison.OrdinalIgnoreCase) >= 0
            || identifier.IndexOf("dev", StringComparison.OrdinalIgnoreCase) >= 0
            || identifier.IndexOf("oos", StringComparison.OrdinalIgnoreCase) >= 0
            || identifier.IndexOf("val", StringComparison.OrdinalIgnoreCase) >= 0
            || identifier.IndexOf("hold", StringComparison.OrdinalIgnoreCase) >= 0
            || identifier.IndexOf("held", StringComparison.OrdinalIgnoreCase) >= 0;

        public static bool IsTraining(string identifier)
        {
            foreach (string word in Words(identifier))
            {
                if (Training.Contains(word) || HasSuffix(word, "train") || HasSuffix(word, "training"))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsEvaluationWord(List<string> words, int i)
        {
            string word = words[i];
            string? next = i + 1 < words.Count ? words[i + 1] : null;
            if (Evaluation.Contains(word))
            {
                // "val" is as often a value (val, newVal, maxVal) as a validation set, "dev" a device or a developer, "tune" a
                // verb: only beside a data noun (X_val, valRows, devSet, tuneRows), or as a member of a split's result.
                return word is not ("val" or "dev" or "tune") || HasDataNoun(words);
            }

            if (word is "hold" or "held")
            {
                return next == "out" || (next is not null && HasSuffix(next, "out"));
            }

            if (word == "valid")
            {
                return next is not null && ValidSplitNouns.Contains(next);
            }

            foreach (string evaluation in Evaluation)
            {
                if (HasSuffix(word, evaluation))
                {
                    return true;
                }
            }

            foreach (string noun in ValidSplitNouns)
            {
                if (word.Length == "valid".Length + noun.Length && word.StartsWith("valid", StringComparison.Ordinal) && word.EndsWith(noun, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasDataNoun(List<string> words)
        {
            foreach (string word in words)
            {
                if (DataNouns.Contains(word))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The word is <paramref name="stem"/> followed by one of <see cref="Suffixes"/>.</summary>
        private static bool HasSuffix(string word, string stem)
        {
            if (word.Length <= stem.Length || !word.StartsWith(stem, StringComparison.Ordinal))
            {
                return false;
            }

            foreach (string suffix in Suffixes)
            {
                if (word.Length == stem.Length + suffix.Length && string.CompareOrdinal(word, stem.Length, suffix, 0, suffix.Length) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Lower-case words: <c>XMLTestRows2</c> → xml, test, rows, 2.</summary>
        public static List<string> Words(string identifier)
        {
            var words = new List<string>();
            var word = new StringBuilder();
            for (int i = 0; i < identifier.Length; i++)
            {
                char c = identifier[i];
                if (!char.IsLetterOrDigit(c))
                {
                    Flush();
                    continue;
                }

                if (word.Length > 0)
                {
                    char previous = identifier[i - 1];
                    bool boundary = (char.IsLower(previous) && char.IsUpper(c))
                        || (char.IsUpper(previous) && char.IsUpper(c) && i + 1 < identifier.Length && char.IsLower(identifier[i + 1]))
                        || (char.IsDigit(previous) != char.IsDigit(c));
                    if (boundary)
                    {
                        Flush();
                    }
                }

                word.Append(char.ToLowerInvariant(c));
            }

            Flush();
            return words;

            void Flush()
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
        }
    }
}

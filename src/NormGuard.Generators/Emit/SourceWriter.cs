using System;
using System.IO;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace NormGuard.Generators.Emit
{
    /// <summary>An indented text writer with fixed "\n" line endings, so output is identical on every OS.</summary>
    internal sealed class SourceWriter
    {
        // Left to grow in the builder's own chunks (at most 8,000 characters each): a capacity of the whole file would
        // be one large-object-heap array per feature set.
        private readonly StringBuilder _builder = new StringBuilder();
        private int _indent;

        public SourceWriter Line(string text = "")
        {
            if (text.Length > 0)
            {
                _builder.Append(' ', _indent * 4).Append(text);
            }

            _builder.Append('\n');
            return this;
        }

        /// <summary>A line of <paramref name="prefix"/>, <paramref name="value"/> as a C# string literal and
        /// <paramref name="suffix"/>, escaped straight into the file (the canonical manifest is tens of kilobytes).</summary>
        public SourceWriter StringLiteralLine(string prefix, string value, string suffix)
        {
            _builder.Append(' ', _indent * 4).Append(prefix);
            Literals.AppendString(_builder, value).Append(suffix).Append('\n');
            return this;
        }

        public SourceWriter Open(string text)
        {
            Line(text);
            Line("{");
            _indent++;
            return this;
        }

        public SourceWriter Close(string suffix = "")
        {
            _indent--;
            return Line("}" + suffix);
        }

        public override string ToString() => _builder.ToString();

        /// <summary>The text as UTF-8 source, read from the builder without first making one string of it (Roslyn keeps
        /// a text of 40 K characters or more in chunks below the large-object heap).</summary>
        public SourceText ToSourceText() => SourceText.From(new BuilderReader(_builder), _builder.Length, Encoding.UTF8);

        private sealed class BuilderReader : TextReader
        {
            private readonly StringBuilder _builder;
            private int _position;

            public BuilderReader(StringBuilder builder) => _builder = builder;

            public override int Peek() => _position < _builder.Length ? _builder[_position] : -1;

            public override int Read() => _position < _builder.Length ? _builder[_position++] : -1;

            public override int Read(char[] buffer, int index, int count)
            {
                int n = Math.Min(count, _builder.Length - _position);
                if (n <= 0)
                {
                    return 0;
                }

                _builder.CopyTo(_position, buffer, index, n);
                _position += n;
                return n;
            }

            public override string ReadToEnd()
            {
                string rest = _position == 0 ? _builder.ToString() : _builder.ToString(_position, _builder.Length - _position);
                _position = _builder.Length;
                return rest;
            }
        }
    }
}

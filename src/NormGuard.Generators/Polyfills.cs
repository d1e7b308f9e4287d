// netstandard2.0 lacks the types that C# 9+ features compile against; the compiler only needs their names.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}

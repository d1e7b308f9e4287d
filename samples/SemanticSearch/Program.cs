using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using SemanticSearch.Embeddings;

namespace SemanticSearch;

internal static class Program
{
    private static int Main(string[] args)
    {
        string data = Path.Combine(AppContext.BaseDirectory, "data");
        if (args is ["embed-sets", string output])
        {
            return EmbedSets.Run(data, output);
        }

        Console.Error.WriteLine("usage: SemanticSearch embed-sets <folder>");
        return 64;
    }
}

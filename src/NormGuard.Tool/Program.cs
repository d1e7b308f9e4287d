using System;
using NormGuard.Tool;

return Cli.Run(args, Console.Out, Console.Error);

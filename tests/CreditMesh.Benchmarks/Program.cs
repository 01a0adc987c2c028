using CreditMesh.Benchmarks;

return args.FirstOrDefault() switch
{
    "append" => await AppendVersusInsert.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CreditMesh.Benchmarks append [--rounds N] [--batch N]");
    return 2;
}

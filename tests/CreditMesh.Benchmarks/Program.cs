using CreditMesh.Benchmarks;

return args.FirstOrDefault() switch
{
    "append" => await AppendVersusInsert.RunAsync(args.Skip(1).ToArray()),
    "history" => await HistoryReplay.RunAsync(args.Skip(1).ToArray()),
    "ingest" => await IngestionLoad.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CreditMesh.Benchmarks append [--rounds N] [--batch N] | history [--events N] [--rounds N] | ingest [--url U] [--batches N] [--size N] [--clients N]");
    return 2;
}

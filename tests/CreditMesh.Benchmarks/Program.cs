using CreditMesh.Benchmarks;

return args.FirstOrDefault() switch
{
    "append" => await AppendVersusInsert.RunAsync(args.Skip(1).ToArray()),
    "history" => await HistoryReplay.RunAsync(args.Skip(1).ToArray()),
    "ingest" => await IngestionLoad.RunAsync(args.Skip(1).ToArray()),
    "match-seed" => await MatchSeed.RunAsync(args.Skip(1).ToArray()),
    "match-lookup" => MatchLookup.Run(args.Skip(1).ToArray()),
    "match-json" => MatchJson.Run(args.Skip(1).ToArray()),
    "match-load" => await MatchLoad.RunAsync(args.Skip(1).ToArray()),
    "latency" => await MatchLatency.RunAsync(args.Skip(1).ToArray()),
    "wrk-script" => WrkScript.Run(args.Skip(1).ToArray()),
    "sampling" => await SamplingTime.RunAsync(args.Skip(1).ToArray()),
    "report-pdf" => ReportRender.Run(args.Skip(1).ToArray()),
    "push-latency" => await PushLatency.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CreditMesh.Benchmarks append [--rounds N] [--batch N] | history [--events N] [--rounds N] | ingest [--url U] [--batches N] [--size N] [--clients N] [--rate R] [--warmup N] [--run ID]"
        + " | match-seed [--connection C] [--subjects N] [--per-subject N] | match-lookup [--lookups N] [--bdn]"
        + " | match-load [--url U] [--clients N] [--seconds N] | match-json [--rounds N] | latency [--url U] [--samples N]"
        + " | wrk-script [--kind match|measures] [--identities N] [--codes N] [--subjects N] [--matter M]"
        + " | sampling [--subjects N] [--rounds N] [--url U]"
        + " | report-pdf [--records N] [--rounds N] [--out FILE]"
        + " | push-latency [--url U] [--samples N]");
    return 2;
}

using CreditMesh.Matching;
using CreditMesh.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(MatchingService.Name);
builder.AddMatchingServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapMatchingApi();
app.Run();

/// <summary>Entry point type, named so tests can host this service in-process.</summary>
public partial class Program;

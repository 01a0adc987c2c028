using CreditMesh.Ingestion;
using CreditMesh.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(IngestionService.Name);
builder.AddIngestionServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIngestionApi();
app.Run();

/// <summary>Entry point type, named so tests can host this service in-process.</summary>
public partial class Program;

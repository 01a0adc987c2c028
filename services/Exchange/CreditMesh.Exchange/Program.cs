using CreditMesh.Exchange;
using CreditMesh.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ExchangeService.Name);
builder.AddExchangeServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapExchangeApi();
app.Run();

/// <summary>Entry point type, named so tests can host this service in-process.</summary>
public partial class Program;

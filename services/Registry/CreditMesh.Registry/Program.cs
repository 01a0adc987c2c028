using CreditMesh.Registry;
using CreditMesh.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(RegistryService.Name);
builder.AddRegistryServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapRegistryApi();
app.Run();

/// <summary>Entry point type, named so tests can host this service in-process.</summary>
public partial class Program;

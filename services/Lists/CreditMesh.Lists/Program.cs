using CreditMesh.Lists;
using CreditMesh.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ListsService.Name);
builder.AddListsServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapListsApi();
app.Run();

/// <summary>Entry point type, named so tests can host this service in-process.</summary>
public partial class Program;

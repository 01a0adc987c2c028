using CreditMesh.Repair;
using CreditMesh.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(RepairService.Name);
builder.AddRepairServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapRepairApi();
app.Run();

/// <summary>Entry point type, named so tests can host this service in-process.</summary>
public partial class Program;

using CreditMesh.Evaluation;
using CreditMesh.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(EvaluationService.Name);
builder.AddEvaluationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEvaluationApi();
app.Run();

/// <summary>Entry point type, named so tests can host this service in-process.</summary>
public partial class Program;

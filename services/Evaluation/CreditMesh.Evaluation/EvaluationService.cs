using CreditMesh.EventSourcing;
using CreditMesh.Evaluation.Consumers;
using CreditMesh.Evaluation.Domain.Facts;
using CreditMesh.Evaluation.Domain.Model;
using CreditMesh.Evaluation.Domain.Sampling;
using CreditMesh.Evaluation.Domain.Scoring;
using CreditMesh.Evaluation.Features;
using CreditMesh.Evaluation.Projections;
using CreditMesh.Messaging;
using CreditMesh.ServiceDefaults.AccessLog;
using MassTransit;
using Microsoft.Extensions.Options;

namespace CreditMesh.Evaluation;

/// <summary>公共信用综合评价与信用分级分类监管: each subject's evaluation from the other services' events, and graded 双随机 sampling.</summary>
public static class EvaluationService
{
    public const string Name = "evaluation";

    public static WebApplicationBuilder AddEvaluationServices(this WebApplicationBuilder builder)
    {
        builder.AddEventStore()
            .Event<SubjectNoted>().Event<RecordNoted>().Event<RecordEnded>().Event<EntryNoted>().Event<RepairCompleted>().Event<ObjectionNoted>()
            .Event<SubjectEvaluated>().Event<SampleDrawn>()
            .InlineProjection<CurrentEvaluations>()
            .ReadModel(CurrentEvaluations.EnsureCreatedAsync);
        builder.Services.AddOptions<EvaluationOptions>().Bind(builder.Configuration.GetSection(EvaluationOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        // The model is refused at start-up, with every reason, when a version or an indicator is incomplete (DESIGN §4.7).
        builder.Services.AddSingleton<IValidateOptions<EvaluationOptions>, ModelValidation>();
        builder.Services.AddSingleton(sp => ModelLoader.LoadFileOrEmbedded(sp.GetRequiredService<IOptions<EvaluationOptions>>().Value.ModelFile));
        builder.Services.AddSingleton<SubjectEvaluations>();
        builder.Services.AddHostedService<ReviewJob>();
        builder.Services.AddSingleton<IIntegrationEventMapper, EvaluationEventMapper>();
        builder.AddMessaging(Name, bus => bus.AddConsumer<FactsConsumer, BatchConsumerDefinition<FactsConsumer>>());
        builder.AddAccessLog();
        return builder;
    }

    public static WebApplication MapEvaluationApi(this WebApplication app)
    {
        app.MapEvaluationsApi();
        app.MapSamplingsApi();
        app.MapAccessLogApi(Name);
        return app;
    }
}

/// <summary>Loads the configured model once at start-up; a model it refuses stops the host with the model's reasons.</summary>
internal sealed class ModelValidation : IValidateOptions<EvaluationOptions>
{
    public ValidateOptionsResult Validate(string? name, EvaluationOptions options)
    {
        try
        {
            ModelLoader.LoadFileOrEmbedded(options.ModelFile);
            return ValidateOptionsResult.Success;
        }
        catch (ModelException e)
        {
            return ValidateOptionsResult.Fail(e.Errors);
        }
        catch (IOException e)
        {
            return ValidateOptionsResult.Fail($"Evaluation:ModelFile {options.ModelFile} cannot be read: {e.Message}");
        }
    }
}

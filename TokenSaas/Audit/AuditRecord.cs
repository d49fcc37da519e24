using System.Net;
using System.Security.Claims;
using System.Text.Json;

namespace TokenSaas.Audit;

/// <summary>Who is acting: an admin signed in (cookie or JWT), or the admin API key.</summary>
public sealed record AdminActor(string Id, string Email, string? Ip)
{
    public static AdminActor From(HttpContext context) => From(context.User, context.Connection.RemoteIpAddress);

    public static AdminActor From(ClaimsPrincipal user, IPAddress? address) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown",
        user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown",
        Infrastructure.ClientAddress.Of(address));
}

/// <summary>An audit row about to be written. <see cref="Before"/> and <see cref="After"/> are serialised as JSON.</summary>
public sealed record AuditRecord(AdminActor Actor, string Action, string TargetType, string TargetId, string? Reason)
{
    public object? Before { get; init; }

    public object? After { get; init; }

    /// <summary>One row per key: a retried submit finds its row and writes nothing.</summary>
    public string? IdempotencyKey { get; init; }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string? ToJson(object? value) => value switch
    {
        null => null,
        string text => text,
        _ => JsonSerializer.Serialize(value, Json),
    };
}

/// <summary>The actions the audit log knows; the filter on /admin/audit lists these.</summary>
public static class AuditActions
{
    public const string Allocate = "tokens.allocate";
    public const string Emergency = "tokens.emergency";
    public const string Adjust = "tokens.adjust";
    public const string Refund = "tokens.refund";
    public const string VoidGrant = "grant.void";
    public const string Unlimited = "user.unlimited";
    public const string Plan = "user.plan";
    public const string Limits = "user.limits";
    public const string Bulk = "tokens.bulk";
    public const string BulkReverse = "tokens.bulk_reverse";
    public const string PaymentRefund = "payment.refund";
    public const string Export = "export.download";
    public const string PlanCreate = "plan.create";
    public const string PlanUpdate = "plan.update";
    public const string PlanVersion = "plan.version";
    public const string PackCreate = "pack.create";
    public const string PackUpdate = "pack.update";
    public const string FeatureCreate = "feature.create";
    public const string FeatureUpdate = "feature.update";
    public const string FeatureCost = "feature.cost";
    public const string PromotionCreate = "promotion.create";
    public const string PromotionUpdate = "promotion.update";
    public const string PromotionPause = "promotion.pause";
    public const string PromotionResume = "promotion.resume";
    public const string PromotionEnd = "promotion.end";
    public const string PromotionCodes = "promotion.codes";
    public const string ContentPublish = "content.publish";
    public const string ContentSchedule = "content.schedule";
    public const string ContentRestore = "content.restore";
    public const string ContentFaq = "content.faq";
    public const string ContentComparison = "content.comparison";
    public const string TestimonialApprove = "testimonial.approve";
    public const string TestimonialUnapprove = "testimonial.unapprove";
    public const string AlertAcknowledge = "alert.acknowledge";

    public static readonly IReadOnlyList<string> All =
        [
            Allocate, Emergency, Adjust, Refund, VoidGrant, Unlimited, Plan, Limits, Bulk, BulkReverse, PaymentRefund, Export,
            PlanCreate, PlanUpdate, PlanVersion, PackCreate, PackUpdate, FeatureCreate, FeatureUpdate, FeatureCost,
            PromotionCreate, PromotionUpdate, PromotionPause, PromotionResume, PromotionEnd, PromotionCodes,
            ContentPublish, ContentSchedule, ContentRestore, ContentFaq, ContentComparison, TestimonialApprove, TestimonialUnapprove,
            AlertAcknowledge,
        ];
}

public static class AuditTargets
{
    public const string User = "user";
    public const string Payment = "payment";
    public const string BulkBatch = "bulk_batch";
    public const string Export = "export";
    public const string Plan = "plan";
    public const string Pack = "pack";
    public const string Feature = "feature";
    public const string Promotion = "promotion";
    public const string Content = "content";
    public const string Alert = "alert";

    public static readonly IReadOnlyList<string> All = [User, Payment, BulkBatch, Export, Plan, Pack, Feature, Promotion, Content, Alert];
}

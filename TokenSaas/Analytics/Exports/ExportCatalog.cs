namespace TokenSaas.Analytics.Exports;

/// <summary>One download of /admin/exports: its name in the URL, its header row, and what a row is.</summary>
public sealed record ExportKind(string Name, string Title, string Header, string Rows);

/// <summary>The five CSV exports (SPEC 10.6). Every one is streamed in key order, with no row limit.</summary>
public static class ExportCatalog
{
    public static readonly ExportKind Ledger = new("ledger", "Ledger entries",
        "id,created_at,user_id,email,account_id,type,bucket,feature,quantity,amount,balance_after,description,correlation_id",
        "Every ledger entry written in the range, oldest first; amount is signed (+ credit, − debit).");

    public static readonly ExportKind Payments = new("payments", "Payments",
        "id,user_id,email,gateway,kind,item,tokens,bonus_tokens,list_amount,discount,amount,currency,status,promotion_code," +
        "promotion_variant,created_at,paid_at",
        "Every payment started in the range, whatever its status; amounts in the currency's minor unit.");

    public static readonly ExportKind Users = new("users", "Users",
        "id,email,email_confirmed,registered_at,plan,balance,unlimited,lifetime_purchased,lifetime_spent,last_active_at",
        "Every user who registered in the range, with their plan, balance and lifetime tokens as they are now.");

    public static readonly ExportKind Promotions = new("promotions", "Promotions",
        "id,name,type,value,currency,code,status,starts_at,ends_at,max_redemptions,per_user_limit,budget,reserved,redeemed," +
        "budget_used,created_at,revenue_currency,counted_in_range,gross,discount,net,bonus_tokens",
        "Every promotion with its lifetime counters, and the uses counted in the range per currency " +
        "(one row per currency; one row with an empty revenue_currency when none were).");

    public static readonly ExportKind Redemptions = new("redemptions", "Redemptions",
        "id,promotion_id,promotion,code,user_id,email,variant,status,currency,list_amount,discount,final_amount,tokens,payment_id," +
        "created_at,counted_at",
        "Every use of a promotion taken in the range (reserved, counted or freed).");

    public static readonly IReadOnlyList<ExportKind> All = [Ledger, Payments, Users, Promotions, Redemptions];

    public static ExportKind? Find(string? name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));

    public static string Unknown(string? name) =>
        $"unknown export '{name}'; use {string.Join(", ", All.Take(All.Count - 1).Select(k => k.Name))} or {All[^1].Name}";
}

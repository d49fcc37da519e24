using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Infrastructure;

namespace TokenSaas.Admin;

/// <summary>The admin user list's query string as typed; <see cref="Check"/> turns it into a filter or messages.</summary>
public sealed class UserListQuery
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
    [
        ("newest", "Newest first"), ("oldest", "Oldest first"), ("email", "Email A–Z"), ("balance", "Highest balance"),
        ("balance_asc", "Lowest balance"), ("spent", "Most spent"), ("active", "Recently active (active users only)"),
    ];

    public string? Q { get; set; }
    public string? Plan { get; set; }
    /// <summary>"true", "false" or empty.</summary>
    public string? Unlimited { get; set; }
    public string? BalanceBelow { get; set; }
    /// <summary>yyyy-MM-dd: not active since that day (UTC).</summary>
    public string? InactiveSince { get; set; }
    public string? Sort { get; set; }

    /// <summary>From the query string only: Razor Pages keeps its own "page" route value.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")]
    public string? Page { get; set; }

    public string? PageSize { get; set; }

    public (UserFilter? Filter, Dictionary<string, string> Errors) Check()
    {
        var errors = new Dictionary<string, string>();
        var filter = new UserFilter { Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(), Plan = string.IsNullOrWhiteSpace(Plan) ? null : Plan.Trim() };
        if (filter.Q is { Length: > 256 })
        {
            errors[nameof(Q)] = "Search for at most 256 characters.";
        }

        filter = filter with
        {
            Unlimited = Unlimited switch
            {
                null or "" => null,
                "true" => true,
                "false" => false,
                _ => Error(nameof(Unlimited), "Choose yes, no or any.", (bool?)null),
            },
            BalanceBelow = Number(BalanceBelow, nameof(BalanceBelow), 0, long.MaxValue, "Enter a whole number of tokens, like 100."),
            Page = (int)(Number(Page, nameof(Page), 1, 1_000_000, "That page does not exist.") ?? 1),
            PageSize = (int)(Number(PageSize, nameof(PageSize), 1, MaxPageSize, $"Show from 1 to {MaxPageSize} users a page.") ?? DefaultPageSize),
            Sort = Sort is null or "" ? "newest" : Sorts.Any(s => s.Value == Sort) ? Sort : Error(nameof(Sort), "Choose a sort order from the list.", "newest"),
        };
        filter = filter with { InactiveSince = QueryInput.Day(InactiveSince, nameof(InactiveSince), errors) };

        return errors.Count > 0 ? (null, errors) : (filter, errors);

        T Error<T>(string field, string message, T fallback)
        {
            errors[field] = message;
            return fallback;
        }

        long? Number(string? text, string field, long min, long max, string message)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : Error(field, message, (long?)null);
        }
    }

    /// <summary>The query string for the same filters on another page (or with another sort).</summary>
    public string With(int? page = null, string? sort = null) => QueryInput.Url("/admin/users",
        ("q", Q), ("plan", Plan), ("unlimited", Unlimited), ("balanceBelow", BalanceBelow), ("inactiveSince", InactiveSince),
        ("sort", sort ?? Sort), ("pageSize", PageSize), ("page", page?.ToString(CultureInfo.InvariantCulture)));
}

public sealed record UserFilter
{
    /// <summary>Part of an email, or a whole user id.</summary>
    public string? Q { get; init; }
    public string? Plan { get; init; }
    public bool? Unlimited { get; init; }
    public long? BalanceBelow { get; init; }
    public DateTime? InactiveSince { get; init; }
    public string Sort { get; init; } = "newest";
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = UserListQuery.DefaultPageSize;
}

public sealed record UserRow(string UserId, string Email, string Plan, long Balance, bool Unlimited, long LifetimePurchased,
    long LifetimeSpent, DateTime? LastActiveAt, DateTime CreatedAt);

public sealed record Recipient(string Id, string Email);

public sealed record UserList(IReadOnlyList<UserRow> Items, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Users as admins find them: search, filters, sort and offset paging with a total. Account
/// figures come from columns the ledger writer keeps (lifetime bought and spent, last active),
/// so the list never sums anyone's history.
/// </summary>
public sealed class UserDirectory(AppDbContext db)
{
    /// <summary>Sorts by an account column: the list is driven from token_accounts and its indexes.</summary>
    private static readonly string[] AccountSorts = ["balance", "balance_asc", "spent", "active"];

    /// <summary>A search matching at most this many users is narrowed to their ids first; a broader one is left to SQL.</summary>
    public const int SearchCap = 2_000;

    public async Task<UserList> ListAsync(UserFilter filter, CancellationToken cancellationToken = default)
    {
        var users = db.Users.AsNoTracking();
        if (filter.Q is { } q)
        {
            var upper = q.ToUpperInvariant();
            // A whole email or id is an index lookup; a part of one is one scan that collects the matches.
            var exact = await users.Where(u => u.Id == q).Select(u => u.Id)
                .Concat(users.Where(u => u.NormalizedEmail == upper).Select(u => u.Id)).ToListAsync(cancellationToken);
            // Selecting the email alone lets SQLite walk the email index rather than every row.
            var emails = exact.Count > 0
                ? []
                : await users.Where(u => u.NormalizedEmail!.Contains(upper)).Select(u => u.NormalizedEmail!).Take(SearchCap + 1)
                    .ToListAsync(cancellationToken);
            users = exact.Count > 0 ? users.Where(u => exact.Contains(u.Id))
                : emails.Count <= SearchCap ? users.Where(u => emails.Contains(u.NormalizedEmail!))
                : users.Where(u => u.NormalizedEmail!.Contains(upper));
        }

        var byAccount = filter.Plan is not null || filter.Unlimited is not null || filter.BalanceBelow is not null
            || filter.InactiveSince is not null || AccountSorts.Contains(filter.Sort);
        var (total, ids) = byAccount
            ? await PageByAccountAsync(users, filter, cancellationToken)
            : await PageByUserAsync(users, filter, cancellationToken);

        // The page's rows in one more query each: at most page-size users and accounts, by key.
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.CreatedAt }).ToDictionaryAsync(u => u.Id, cancellationToken);
        var accounts = await db.TokenAccounts.AsNoTracking().Where(a => ids.Contains(a.UserId)).ToDictionaryAsync(a => a.UserId, cancellationToken);
        var items = ids.Where(people.ContainsKey).Select(id => (User: people[id], Account: accounts.GetValueOrDefault(id)))
            .Select(r => new UserRow(r.User.Id, r.User.Email ?? string.Empty, r.Account?.PlanKey ?? Plans.Plan.Basic, r.Account?.Balance ?? 0,
                r.Account?.Unlimited ?? false, r.Account?.LifetimePurchased ?? 0, r.Account?.LifetimeSpent ?? 0, r.Account?.LastActiveAt,
                r.User.CreatedAt))
            .ToList();
        return new UserList(items, filter.Page, filter.PageSize, total);
    }

    // Every user, in an order of the users table (its (CreatedAt, Id) and email indexes cover the paging).
    private static async Task<(int Total, List<string> Ids)> PageByUserAsync(IQueryable<Identity.AppUser> users, UserFilter filter,
        CancellationToken cancellationToken, bool count = true)
    {
        var ordered = filter.Sort switch
        {
            "oldest" => users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            "email" => users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id),
            _ => users.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id),
        };
        var total = count ? await users.CountAsync(cancellationToken) : 0;
        var ids = await ordered.Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).Select(u => u.Id).ToListAsync(cancellationToken);
        return (total, ids);
    }

    // Filters and sorts on account columns: users with an account (every user once their first
    // page has opened it), counted and ordered on indexes. Balance, tokens spent and last activity
    // are read from AccountListKeys (the ledger writer's sortable copy, exact on a quiet site and at
    // most a second behind on a busy one); the page itself shows the accounts' own figures.
    private async Task<(int Total, List<string> Ids)> PageByAccountAsync(IQueryable<Identity.AppUser> users, UserFilter filter,
        CancellationToken cancellationToken)
    {
        var matching = db.TokenAccounts.AsNoTracking();
        if (filter.Plan is { } plan)
        {
            matching = matching.Where(a => a.PlanKey == plan);
        }

        if (filter.Unlimited is { } unlimited)
        {
            matching = matching.Where(a => a.Unlimited == unlimited);
        }

        if (filter.Q is not null)
        {
            matching = matching.Where(a => users.Any(u => u.Id == a.UserId));
        }

        var accountFilters = filter.Plan is not null || filter.Unlimited is not null || filter.Q is not null;
        var byKeys = filter.BalanceBelow is not null || filter.InactiveSince is not null || AccountSorts.Contains(filter.Sort);
        var keys = FilteredKeys(filter);
        // "id IN (the keys' range)": both databases walk the keys' index and look the accounts up by id.
        var listed = byKeys ? matching.Where(a => keys.Select(k => k.AccountId).Contains(a.Id)) : matching;
        if (filter.Sort == "email")
        {
            // Ordered by email: walk the users' email index and keep those whose account matches.
            var total = await listed.CountAsync(cancellationToken);
            var (_, ids) = await PageByUserAsync(users.Where(u => listed.Any(a => a.UserId == u.Id)), filter, cancellationToken, count: false);
            return (total, ids);
        }

        if (AccountSorts.Contains(filter.Sort))
        {
            return await PageByKeysAsync(accountFilters ? keys.Where(k => matching.Select(a => a.Id).Contains(k.AccountId)) : keys,
                filter, cancellationToken);
        }

        // Newest and oldest follow the account's opening, which is the sign-up (the (plan, created_at, id) index pages it).
        var counted = byKeys && !accountFilters ? await keys.CountAsync(cancellationToken) : await listed.CountAsync(cancellationToken);
        var byAge = filter.Sort == "oldest"
            ? listed.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            : listed.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id);
        return (counted, await byAge.Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).Select(a => a.UserId)
            .ToListAsync(cancellationToken));
    }

    // Balance, tokens spent and last activity filter on the writer's sortable copy.
    private IQueryable<Ledger.AccountListKeys> FilteredKeys(UserFilter filter)
    {
        var keys = db.AccountListKeys.AsNoTracking();
        if (filter.BalanceBelow is { } below)
        {
            keys = keys.Where(k => k.Balance < below);
        }

        // The two databases order missing times differently; "recently active" lists those who have been.
        if (filter.InactiveSince is { } since)
        {
            return filter.Sort == "active" ? keys.Where(k => k.LastActiveAt < since) : keys.Where(k => k.LastActiveAt == null || k.LastActiveAt < since);
        }

        return filter.Sort == "active" ? keys.Where(k => k.LastActiveAt != null) : keys;
    }

    // Sorted by a key: page the keys on their own index, then name the page's accounts' users.
    private async Task<(int Total, List<string> Ids)> PageByKeysAsync(IQueryable<Ledger.AccountListKeys> keys, UserFilter filter,
        CancellationToken cancellationToken)
    {
        var total = await keys.CountAsync(cancellationToken);
        var accountIds = await Order(keys, filter.Sort).Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .Select(k => k.AccountId).ToListAsync(cancellationToken);
        var userIds = await db.TokenAccounts.AsNoTracking().Where(a => accountIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.UserId, cancellationToken);
        return (total, accountIds.Where(userIds.ContainsKey).Select(id => userIds[id]).ToList());
    }

    // Ties go to the newer account; the keys' (column, account_id) indexes give this order as they are.
    private static IOrderedQueryable<Ledger.AccountListKeys> Order(IQueryable<Ledger.AccountListKeys> keys, string sort) => sort switch
    {
        "balance" => keys.OrderByDescending(k => k.Balance).ThenByDescending(k => k.AccountId),
        "balance_asc" => keys.OrderBy(k => k.Balance).ThenBy(k => k.AccountId),
        "spent" => keys.OrderByDescending(k => k.LifetimeSpent).ThenByDescending(k => k.AccountId),
        "active" => keys.OrderByDescending(k => k.LastActiveAt).ThenByDescending(k => k.AccountId),
        _ => throw new InvalidOperationException($"Unknown sort {sort}."),
    };

    /// <summary>Users by email (case-insensitive), keyed by the email as given.</summary>
    public async Task<Dictionary<string, Recipient>> FindByEmailsAsync(IEnumerable<string> emails,
        CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, Recipient>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in emails.Select(e => e.Trim().ToUpperInvariant()).Distinct().Chunk(500))
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => chunk.Contains(u.NormalizedEmail!))
                         .Select(u => new Recipient(u.Id, u.Email!)).ToListAsync(cancellationToken))
            {
                found[u.Email] = u;
            }
        }

        return found;
    }

    /// <summary>Users by id, keyed by id.</summary>
    public async Task<Dictionary<string, Recipient>> FindByIdsAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, Recipient>(StringComparer.Ordinal);
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => chunk.Contains(u.Id))
                         .Select(u => new Recipient(u.Id, u.Email!)).ToListAsync(cancellationToken))
            {
                found[u.Id] = u;
            }
        }

        return found;
    }
}

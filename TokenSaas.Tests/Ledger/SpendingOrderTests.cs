using TokenSaas.Ledger;

namespace TokenSaas.Tests.Ledger;

public sealed class SpendingOrderTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Buckets_are_spent_daily_plan_bonus_purchased_and_bonuses_by_expiry()
    {
        SpendableGrant[] grants =
        [
            new(1, GrantBucket.Purchased, 10, null),
            new(2, GrantBucket.Bonus, 10, null),
            new(3, GrantBucket.Bonus, 10, Now.AddDays(1)),
            new(4, GrantBucket.Plan, 10, Now.AddDays(9)),
            new(5, GrantBucket.Daily, 10, Now.AddHours(12)),
        ];

        Assert.Equal([5L, 4L, 3L, 2L, 1L], SpendingOrder.Order(grants).Select(g => g.Id));
    }

    [Fact]
    public void An_allocation_takes_from_each_grant_in_turn()
    {
        SpendableGrant[] grants = [new(1, GrantBucket.Purchased, 10, null), new(2, GrantBucket.Daily, 3, Now.AddHours(1))];

        Assert.Equal([new Allocation(2, 3), new Allocation(1, 4)], SpendingOrder.Allocate(grants, 7, Now));
    }

    [Fact]
    public void Expired_and_empty_grants_pay_nothing()
    {
        SpendableGrant[] grants = [new(1, GrantBucket.Daily, 5, Now), new(2, GrantBucket.Bonus, 0, null), new(3, GrantBucket.Purchased, 2, null)];

        Assert.Null(SpendingOrder.Allocate(grants, 3, Now));
        Assert.Equal(2, SpendingOrder.Live(grants, Now));
    }

    [Fact]
    public void Nothing_to_pay_needs_no_grant()
    {
        Assert.Empty(SpendingOrder.Allocate([], 0, Now)!);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace TokenSaas.Payments.PayU;

/// <summary>The fields PayU signs; amount is the exact rupee string sent ("500.00").</summary>
public sealed record PayUFields(string Key, string TxnId, string Amount, string ProductInfo, string FirstName, string Email,
    string Udf1 = "", string Udf2 = "", string Udf3 = "", string Udf4 = "", string Udf5 = "");

/// <summary>PayU's SHA-512 hashes (lower-case hex): the request's, and the reverse one it returns with the result.</summary>
public static class PayUHash
{
    public static string RequestText(PayUFields f, string salt) =>
        $"{f.Key}|{f.TxnId}|{f.Amount}|{f.ProductInfo}|{f.FirstName}|{f.Email}|{f.Udf1}|{f.Udf2}|{f.Udf3}|{f.Udf4}|{f.Udf5}||||||{salt}";

    public static string Request(PayUFields fields, string salt) => Sha512(RequestText(fields, salt));

    public static string Response(PayUFields f, string status, string salt) =>
        Sha512($"{salt}|{status}||||||{f.Udf5}|{f.Udf4}|{f.Udf3}|{f.Udf2}|{f.Udf1}|{f.Email}|{f.FirstName}|{f.ProductInfo}|{f.Amount}|{f.TxnId}|{f.Key}");

    public static bool Matches(string? presented, string expected) =>
        presented is { Length: 128 } && presented.All(Uri.IsHexDigit)
        && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(presented), Convert.FromHexString(expected));

    private static string Sha512(string text) => Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(text)));
}

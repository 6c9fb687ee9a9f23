using System.Text;
using GitLabLite.Golang.SumDb;

namespace GitLabLite.Spec.Lib.Golang.SumDb;

/// <summary>Verifier keys and signed notes against what x/mod/sumdb/note made of the same bytes.</summary>
[TestClass]
public sealed class NoteSpec
{
    public static IEnumerable<object[]> Verifiers => SumDbVectors.Cases("verifiers");

    public static IEnumerable<object[]> Notes => SumDbVectors.Cases("notes");

    [TestMethod]
    [DynamicData(nameof(Verifiers))]
    public void Parse_WithVerifierKey_AgreesWithNewVerifier(int index, string label)
    {
        var c = SumDbVectors.Case("verifiers", index);
        var key = c.GetProperty("key").GetString()!;
        var verifier = NoteVerifier.Parse(key, out var error);
        if (!c.GetProperty("valid").GetBoolean())
        {
            Assert.IsNull(verifier, $"{label}: {key}");
            Assert.IsNotNull(error);
            return;
        }
        Assert.IsNotNull(verifier, error);
        Assert.AreEqual(c.GetProperty("name").GetString(), verifier.Name);
        Assert.AreEqual(c.GetProperty("hash").GetUInt32(), verifier.KeyHash);
    }

    [TestMethod]
    [DynamicData(nameof(Notes))]
    public void Open_WithSignedNote_AgreesWithNoteOpen(int index, string name)
    {
        var c = SumDbVectors.Case("notes", index);
        var verifier = NoteVerifier.Parse(SumDbVectors.String("verifierKey"), out _)!;
        var text = SignedNote.Open(Encoding.UTF8.GetBytes(c.GetProperty("msg").GetString()!), verifier, out var error);
        Assert.AreEqual(c.OptionalString("text"), text, name);
        Assert.AreEqual(c.OptionalString("error"), error, name);
    }
}

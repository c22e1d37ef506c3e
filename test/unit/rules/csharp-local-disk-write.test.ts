import { csLocalDiskWrite } from '../../../src/core/rules/csharp/local-disk-write';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(csLocalDiskWrite, 'csharp', {
  valid: [
    {
      name: 'writes under /tmp and Path.GetTempPath()',
      code: `class Export
{
    void Run(byte[] data)
    {
        File.WriteAllBytes("/tmp/report.csv", data);
        var path = Path.Combine(Path.GetTempPath(), "out.json");
        File.WriteAllText(path, "{}");
        using var s = new FileStream(Path.GetTempFileName(), FileMode.Create);
    }
}
`,
    },
    {
      name: 'a write through a name that only contains File (Profile, FileStore)',
      code: `class Io
{
    void Save(string text)
    {
        Profile.WriteAllText("profile.json", text);
        FileStore.Create("data.bin");
    }
}
`,
    },
    {
      name: 'paths from callers, reading, and a StreamWriter over a stream',
      code: `class Io
{
    void Save(string target, string text) => File.WriteAllText(target, text);
    string Read() => File.ReadAllText("appsettings.json");
    void Wrap(Stream stream) { using var w = new StreamWriter(stream); }
    void Open() { using var f = new FileStream("data.bin", FileMode.Open, FileAccess.Read); }
}
`,
    },
  ],
  invalid: [
    {
      name: 'writes next to the code, under /var and through an interpolated path',
      code: `class Export
{
    private const string OutDir = "/var/data/exports";
    async Task Run(string name, string text)
    {
        File.WriteAllText("output.json", text);
        await File.AppendAllTextAsync(OutDir + "/" + name, text);
        Directory.CreateDirectory($"logs/{name}");
        using var w = new StreamWriter("audit.log");
    }
}
`,
      errors: [
        { line: 6, column: 9, message: '`File.WriteAllText(...)` writes to `output.json`', severity: 'warning' },
        { line: 7, column: 15, message: '`/var/data/exports`' },
        { line: 8, column: 9, message: '`logs/`' },
        { line: 9, column: 23, message: '`new StreamWriter(...)` writes to `audit.log`' },
      ],
    },
    // Each case below reports through one spelling alone (the pre-filter's literals: no other occurs in its text).
    {
      name: 'File.AppendAllLines to a relative path',
      code: `class Audit
{
    void Log(string[] lines) => File.AppendAllLines("audit/trail.log", lines);
}
`,
      errors: [{ line: 3, column: 33, message: '`File.AppendAllLines(...)` writes to `audit/trail.log`' }],
    },
    {
      name: 'a FileStream created in a data folder',
      code: `class Cache
{
    void Save() { using var f = new FileStream("cache/blob.bin", FileMode.Create); }
}
`,
      errors: [{ line: 3, column: 33, message: '`new FileStream(...)` writes to `cache/blob.bin`' }],
    },
    {
      name: 'a StreamWriter appending to a file by name',
      code: `class Report
{
    void Save() { using var w = new StreamWriter("report.txt", append: true); }
}
`,
      errors: [{ line: 3, column: 33, message: '`new StreamWriter(...)` writes to `report.txt`' }],
    },
    {
      name: 'Directory.CreateDirectory next to the code',
      code: `class Uploads
{
    void Prepare() => Directory.CreateDirectory("uploads");
}
`,
      errors: [{ line: 3, column: 23, message: '`Directory.CreateDirectory(...)` writes to `uploads`' }],
    },
  ],
});

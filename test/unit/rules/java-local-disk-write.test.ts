import { javaLocalDiskWrite } from '../../../src/core/rules/java/local-disk-write';
import { langRuleTester } from '../../helpers/langRuleTester';

const HEAD = `package com.example;

import java.io.*;
import java.nio.file.*;
`;

/** `statement` in a method of a class that names nothing else the rule's pre-filter looks for: it is on line 8. */
const writeCase = (statement: string, label: string, path: string) => ({
  name: `${statement} alone`,
  code: `${HEAD}
class Out {
    void run() throws Exception {
        ${statement}
    }
}
`,
  errors: [{ line: 8, message: `${label} writes to \`${path}\`` }],
});

langRuleTester(javaLocalDiskWrite, 'java', {
  valid: [
    {
      name: 'writes under /tmp, java.io.tmpdir and temp files',
      code: `${HEAD}
class Export {
    void run(byte[] data) throws IOException {
        Files.write(Paths.get("/tmp/report.csv"), data);
        Path dir = Paths.get(System.getProperty("java.io.tmpdir"));
        Files.writeString(dir.resolve("out.json"), "{}");
        File tmp = File.createTempFile("upload", ".bin");
        try (FileOutputStream out = new FileOutputStream(tmp)) { out.write(data); }
        Path work = Files.createTempDirectory("work");
        Files.createDirectories(work.resolve("a"));
    }
}
`,
    },
    {
      name: 'a synchronous ProcessBuilder on /tmp files',
      code: `${HEAD}
class Thumbs {
    void run() throws Exception {
        new ProcessBuilder("convert", "/tmp/in.png", "/tmp/out.png").redirectOutput(new File("/tmp/convert.log")).start().waitFor();
    }
}
`,
    },
    {
      name: 'paths from callers and reading files',
      code: `${HEAD}
class Io {
    void save(Path target, byte[] b) throws IOException { Files.write(target, b); }
    String read() throws IOException { return Files.readString(Paths.get("config/app.yaml")); }
    PrintWriter wrap(Writer w) { return new PrintWriter(w); }
}
`,
    },
  ],
  invalid: [
    {
      name: 'writes next to the code and under /var',
      code: `${HEAD}
class Export {
    private static final String OUT_DIR = "/var/data/exports";
    void run(byte[] data, String name) throws IOException {
        Files.write(Paths.get("output.json"), data);
        try (FileWriter w = new FileWriter(OUT_DIR + "/" + name)) { w.write("x"); }
        new File("logs").mkdirs();
    }
}
`,
      errors: [
        { line: 9, column: 9, message: '`Files.write(...)` writes to `output.json`', severity: 'warning' },
        { line: 10, column: 29, message: '`new FileWriter(...)` writes to `/var/data/exports`' },
        { line: 11, column: 9, message: '`logs`' },
      ],
    },
    {
      name: 'a Path.of target through a local variable',
      code: `${HEAD}
class Store {
    void save(String json) throws IOException {
        Path p = Path.of("data", "orders.json");
        Files.writeString(p, json);
    }
}
`,
      errors: [{ line: 9, column: 9, message: '`data`' }],
    },
    // One spelling each, so that every pre-filter literal of the rule is the only one some case has.
    writeCase('new FileWriter("out.txt").close();', '`new FileWriter(...)`', 'out.txt'),
    writeCase('new FileOutputStream("/var/out.bin").close();', '`new FileOutputStream(...)`', '/var/out.bin'),
    writeCase('new PrintWriter("report.txt").close();', '`new PrintWriter(...)`', 'report.txt'),
    writeCase('new PrintStream(new File("logs/out.log")).close();', '`new PrintStream(...)`', 'logs/out.log'),
    writeCase('new RandomAccessFile("data.db", "rw").close();', '`new RandomAccessFile(...)`', 'data.db'),
    writeCase('new File("marker").createNewFile();', '`new File(...).createNewFile(...)`', 'marker'),
    writeCase('File dir = new File("cache"); dir.mkdir();', '`dir.mkdir(...)`', 'cache'),
    writeCase('new java.io.File("/opt/app/data").mkdirs();', '`new java.io.File(...).mkdirs(...)`', '/opt/app/data'),
    writeCase('ProcessBuilder pb = new ProcessBuilder("ls"); pb.redirectOutput(new File("out.log"));', '`pb.redirectOutput(...)`', 'out.log'),
    writeCase('new ProcessBuilder("ls").redirectError(new File("err.log")).start();', '`new ProcessBuilder(...).redirectError(...)`', 'err.log'),
  ],
});

import { javaLocalDiskWrite } from '../../../src/core/rules/java/local-disk-write';
import { langRuleTester } from '../../helpers/langRuleTester';

const HEAD = `package com.example;

import java.io.*;
import java.nio.file.*;
`;

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
  ],
});

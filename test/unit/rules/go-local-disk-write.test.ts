import { goLocalDiskWrite } from '../../../src/core/rules/go/local-disk-write';
import { langRuleTester } from '../../helpers/langRuleTester';

langRuleTester(goLocalDiskWrite, 'go', {
  valid: [
    {
      name: 'writes under /tmp, os.TempDir() and temp files',
      code: `package main

import (
	"io/ioutil"
	"os"
	"path/filepath"
)

func handler() error {
	os.WriteFile("/tmp/report.csv", data, 0o644)
	f, _ := os.Create(filepath.Join(os.TempDir(), "out.json"))
	defer f.Close()
	tmp, _ := os.CreateTemp("", "upload-*")
	defer tmp.Close()
	dir, _ := os.MkdirTemp("", "work")
	ioutil.WriteFile(filepath.Join(dir, "a.txt"), data, 0o600)
	return nil
}
`,
    },
    {
      name: 'a local path variable set to /tmp',
      code: `package main

import "os"

func handler() {
	out := "/tmp/thumb.png"
	os.WriteFile(out, img, 0o644)
}
`,
    },
    {
      name: 'paths that come from the caller are not known',
      code: `package main

import "os"

func save(path string, b []byte) error {
	return os.WriteFile(path, b, 0o644)
}
`,
    },
    {
      name: 'opening for reading only',
      code: `package main

import "os"

func load() {
	f, _ := os.OpenFile("config.yaml", os.O_RDONLY, 0)
	defer f.Close()
	os.Stdout.WriteString("done")
}
`,
    },
  ],
  invalid: [
    {
      name: 'writing next to the binary and under /var',
      code: `package main

import "os"

func handler() {
	os.WriteFile("output.json", data, 0o644)
	os.MkdirAll("/var/lib/app/cache", 0o755)
}
`,
      errors: [
        { line: 6, column: 2, message: '`os.WriteFile(...)` writes to `output.json`', severity: 'warning' },
        { line: 7, column: 2, message: '`/var/lib/app/cache`' },
      ],
    },
    {
      name: 'an append-mode log file through a package-level path',
      code: `package main

import (
	"os"
	"path/filepath"
)

const logDir = "/data/logs"

func handler() {
	f, _ := os.OpenFile(filepath.Join(logDir, "audit.log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	defer f.Close()
}
`,
      errors: [{ line: 11, column: 10, message: '`/data/logs`' }],
    },
    {
      name: 'ioutil.WriteFile with a concatenated path',
      code: `package main

import "io/ioutil"

func export(name string) {
	ioutil.WriteFile("exports/"+name, data, 0o644)
}
`,
      errors: [{ line: 6, column: 2, message: '`exports/`' }],
    },
    {
      name: 'os.Create of a renamed os import',
      code: `package main

import fs "os"

func export() {
	f, _ := fs.Create("report.csv")
	defer f.Close()
}
`,
      errors: [{ line: 6, column: 10, message: '`fs.Create(...)` writes to `report.csv`' }],
    },
    // One writer each, alone in its file (each is a pre-filter literal of its own).
    ...[
      ['os.Mkdir outside /tmp', 'os.Mkdir("/srv/uploads", 0o755)', '/srv/uploads'],
      ['os.Rename into a data folder', 'os.Rename(src, "/data/current.db")', '/data/current.db'],
      ['os.Symlink into /usr/local/bin', 'os.Symlink("/app/bin/tool", "/usr/local/bin/tool")', '/usr/local/bin/tool'],
      ['os.Link into a backup folder', 'os.Link(src, "/backup/current.db")', '/backup/current.db'],
    ].map(([name, call, path]) => ({
      name,
      code: `package main\n\nimport "os"\n\nfunc prepare(src string) {\n\t${call}\n}\n`,
      errors: [{ line: 6, column: 2, message: `\`${path}\`` }],
    })),
  ],
});

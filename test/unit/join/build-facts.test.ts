import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { launchOf } from '../../../src/core/join/code';
import { extractBuildScript, extractDockerfile, extractProto, shellWords } from '../../../src/core/model/build';
import { detectKind } from '../../../src/core/detect';
import { analyzeFile } from '../../../src/core/analyze';
import { imageBase, imageRepo, isThirdPartyImage } from '../../../src/core/model/images';

const stages = (text: string) => extractDockerfile(text).dockerfile!.stages;

describe('Dockerfile facts', () => {
  const cases: { name: string; text: string; want: (s: ReturnType<typeof stages>) => void }[] = [
    {
      name: 'exec-form CMD and WORKDIR',
      text: 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
      want: (s) => assert.deepEqual([s[0].workdir, s[0].cmd, s[0].copies], ['/app', ['node', 'server.js'], [{ sources: ['.'], dest: '.', workdir: '/app' }]]),
    },
    {
      name: 'shell-form CMD runs through /bin/sh -c',
      text: 'FROM python:3.12\nCMD python app.py --port 80\n',
      want: (s) => assert.deepEqual(s[0].cmd, ['/bin/sh', '-c', 'python app.py --port 80']),
    },
    {
      name: 'broken JSON is shell form, as Docker reads it',
      text: "FROM python:3.12\nCMD ['python', 'app.py']\n",
      want: (s) => assert.deepEqual(s[0].cmd, ['/bin/sh', '-c', "['python', 'app.py']"]),
    },
    {
      name: 'continuation lines and comments between them',
      text: 'FROM node:22\nCMD ["node", \\\n# a comment inside\n  "index.js"]\n',
      want: (s) => assert.deepEqual(s[0].cmd, ['node', 'index.js']),
    },
    {
      name: 'ENTRYPOINT resets a CMD set before it',
      text: 'FROM node:22\nCMD ["x.js"]\nENTRYPOINT ["node", "main.js"]\n',
      want: (s) => assert.deepEqual([s[0].entrypoint, s[0].cmd], [['node', 'main.js'], undefined]),
    },
    { name: 'relative WORKDIRs stack', text: 'FROM node:22\nWORKDIR /srv\nWORKDIR app\nWORKDIR ../api\n', want: (s) => assert.equal(s[0].workdir, '/srv/api') },
    {
      name: 'ARG before FROM and ENV expand in WORKDIR',
      text: 'ARG BASE=node:22\nFROM $BASE\nENV APP_HOME=/opt/svc\nWORKDIR ${APP_HOME}\n',
      want: (s) => assert.deepEqual([s[0].from, s[0].workdir], ['node:22', '/opt/svc']),
    },
    {
      name: 'multi-stage: names, COPY --from and flags',
      text: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY --chown=1000:1000 go.mod ./\nRUN CGO_ENABLED=0 go build -trimpath -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
      want: (s) => {
        assert.deepEqual(
          s.map((x) => x.name),
          ['build', undefined],
        );
        assert.deepEqual(s[0].builds, ['./cmd/app']);
        assert.deepEqual(s[0].copies[0].sources, ['go.mod']);
        assert.deepEqual(s[1].copies[0], { sources: ['/out/app'], dest: '/app', from: 'build' });
      },
    },
    {
      name: 'a heredoc body is not instructions',
      text: 'FROM alpine\nRUN <<EOF\nCMD ["not", "this"]\nEOF\nCMD ["sh"]\n',
      want: (s) => assert.deepEqual(s[0].cmd, ['sh']),
    },
    {
      name: 'COPY of a URL is not a context file',
      text: 'FROM alpine\nADD https://example.com/x.tar.gz /tmp/\n',
      want: (s) => assert.deepEqual(s[0].copies, []),
    },
    { name: 'EXPOSE with protocols', text: 'FROM alpine\nEXPOSE 8080/tcp 53/udp\n', want: (s) => assert.deepEqual(s[0].expose, [8080, 53]) },
    {
      name: 'lower-case instructions',
      text: 'from node:22\nworkdir /w\ncmd ["node","a.js"]\n',
      want: (s) => assert.deepEqual([s[0].workdir, s[0].cmd], ['/w', ['node', 'a.js']]),
    },
  ];
  for (const c of cases) it(c.name, () => c.want(stages(c.text)));
});

describe('what a command line starts', () => {
  const table: [string, string[], Partial<ReturnType<typeof launchOf>>][] = [
    ['node script', ['node', 'server.js'], { scripts: ['server.js'] }],
    ['the last command of a shell chain', ['/bin/sh', '-c', 'npm run migrate && exec node dist/main.js'], { scripts: ['dist/main.js'] }],
    ['npm start', ['npm', 'start'], { npmScripts: ['start'] }],
    ['yarn run serve', ['yarn', 'run', 'serve'], { npmScripts: ['serve'] }],
    ['node . reads package.json main', ['node', '.'], { packageMain: true }],
    ['python -m package.module', ['python3.12', '-m', 'pricing.server'], { modules: ['pricing.server'] }],
    ['gunicorn module:app, flags first', ['gunicorn', '-w', '4', '-b', '0.0.0.0:8000', 'shop.wsgi:application'], { modules: ['shop.wsgi'] }],
    ['uvicorn through a full path', ['/usr/local/bin/uvicorn', 'main:app', '--port', '80'], { modules: ['main'] }],
    ['tini and env assignments are not the program', ['tini', '--', 'env', 'PORT=8080', 'node', 'index.mjs'], { scripts: ['index.mjs'] }],
    ['locust without -f reads locustfile.py', ['locust', '--headless'], { scripts: ['locustfile.py'] }],
    ['a compiled binary starts no script', ['/app/bin/inventory'], { scripts: [] }],
    ['a flag value that looks like a file is not the script', ['node', '--require=./otel.js', 'app.js'], { scripts: ['app.js'] }],
    ['a host:port is not a module:app', ['gunicorn', '--bind', '0.0.0.0:8000', 'app:create_app()'], { modules: ['app'] }],
    ['uwsgi -w module:callable', ['uwsgi', '--http', ':8080', '-w', 'shop.wsgi:application'], { modules: ['shop.wsgi'] }],
    ['uwsgi --module=module:callable', ['uwsgi', '--module=orders:app', '--master'], { modules: ['orders'] }],
    [
      'uwsgi --wsgi-file names the script',
      ['uwsgi', '--http-socket', ':9090', '--wsgi-file', 'api.py', '--callable', 'app'],
      { scripts: ['api.py'], modules: [] },
    ],
    ['uwsgi --wsgi-file=', ['/usr/local/bin/uwsgi', '--wsgi-file=src/api.py'], { scripts: ['src/api.py'] }],
    ['uwsgi --ini names no script (the ini file is not read)', ['uwsgi', '--ini', 'payment.ini'], { scripts: [], modules: [] }],
    ['gunicorn with only a config file names no script', ['gunicorn', '-c', 'gunicorn.conf.py'], { scripts: [], modules: [] }],
  ];
  for (const [name, argv, want] of table) {
    it(name, () => {
      const got = launchOf(argv);
      for (const [k, v] of Object.entries(want)) assert.deepEqual(got[k as keyof typeof got], v, k);
    });
  }
});

describe('docker build lines in scripts and CI', () => {
  const b = (text: string) => extractBuildScript(text).builds!.map((x) => [x.image, x.context, x.dockerfile]);
  it('tag, file and context, flags in any order', () =>
    assert.deepEqual(b('docker build --pull -f svc/Dockerfile --build-arg V=1 -t ghcr.io/x/svc:1 svc\n'), [['ghcr.io/x/svc:1', 'svc', 'svc/Dockerfile']]));
  it('continuation lines, buildx and --tag=', () =>
    assert.deepEqual(b('docker buildx build \\\n  --push \\\n  --tag=acme/api:${TAG} \\\n  ./api\n'), [['acme/api:${TAG}', './api', undefined]]));
  it('two tags are two builds of one context', () =>
    assert.deepEqual(b('docker build -t a:1 -t a:latest .'), [
      ['a:1', '.', undefined],
      ['a:latest', '.', undefined],
    ]));
  it('several builds chained on one line', () =>
    assert.deepEqual(b('docker build -t a ./a && docker build -t b ./b'), [
      ['a', './a', undefined],
      ['b', './b', undefined],
    ]));
  it('a GitHub build-push-action step', () =>
    assert.deepEqual(
      b(
        '    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          context: ./services/web\n          file: ./services/web/Dockerfile\n          tags: ghcr.io/acme/web:latest\n      - run: echo done\n',
      ),
      [['ghcr.io/acme/web:latest', './services/web', './services/web/Dockerfile']],
    ));
  it('from the folder a `cd` moved the script or CI step to; a new step starts at the root again', () => {
    const workflow = [
      'jobs:',
      '  job:',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - name: build whereami',
      '        run: |',
      '          cd quickstarts/whereami',
      '          docker build --tag whereami .',
      '      - name: build other',
      '        run: docker build --tag other ./other',
      '      - run: cd api && docker build -t api -f docker/Dockerfile .',
    ].join('\n');
    assert.deepEqual(b(workflow), [
      ['whereami', 'quickstarts/whereami', undefined],
      ['other', './other', undefined],
      ['api', 'api', 'api/docker/Dockerfile'],
    ]);
    assert.deepEqual(b('#!/bin/sh\ncd services/api\ndocker build -t api .\ncd ../web\ndocker build -t web ./site\ncd $ROOT\ndocker build -t x .\n'), [
      ['api', 'services/api', undefined],
      ['web', 'services/web/site', undefined],
      ['x', '.', undefined],
    ]);
  });
  it('a Makefile runs each recipe line in a shell of its own: a `cd` line moves no later line', () => {
    const make = 'images:\n\tcd api\n\tdocker build -t api .\n\tcd web && docker build -t web .\n';
    assert.deepEqual(
      extractBuildScript(make, { makefile: true }).builds!.map((x) => [x.image, x.context]),
      [
        ['api', '.'],
        ['web', 'web'],
      ],
    );
  });
  it('a commented-out build builds nothing', () => assert.deepEqual(b('# docker build -t old ./old\n  # docker build -t older .\n'), []));
  it('a build with no context word is not a build (docker build --help)', () => assert.deepEqual(b('docker build --help\n'), []));
  it('a context from stdin or a URL is not a folder', () =>
    assert.deepEqual(b('docker build -t x - < Dockerfile\ndocker build -t y https://github.com/a/b.git\n'), []));
  it('detects only CI files and scripts that build images', () => {
    assert.equal(detectKind('.github/workflows/ci.yml', 'jobs:\n  t:\n    steps:\n      - run: npm test\n'), 'unknown');
    assert.equal(detectKind('.github/workflows/img.yml', 'jobs:\n  b:\n    steps:\n      - run: docker build -t a .\n'), 'build-script');
    assert.equal(detectKind('scripts/build.sh', '#!/bin/sh\ndocker build -t a .\n'), 'build-script');
    assert.equal(detectKind('Makefile', 'image:\n\tpodman build -t a .\n'), 'build-script');
    assert.equal(detectKind('ci/test.sh', '#!/bin/sh\nnpm test\n'), 'unknown');
  });
});

describe('other build files', () => {
  it('kinds by name: Dockerfiles, compose, skaffold, Procfile, package.json, proto', () => {
    const k = (f: string, t = '') => detectKind(f, t);
    assert.deepEqual(
      [
        k('svc/Dockerfile'),
        k('svc/Dockerfile.prod'),
        k('svc/api.dockerfile'),
        k('svc/Containerfile'),
        k('svc/Dockerfile.dockerignore'),
        k('docs/Dockerfile.md'),
      ],
      ['dockerfile', 'dockerfile', 'dockerfile', 'dockerfile', 'unknown', 'unknown'],
    );
    assert.deepEqual(
      [k('docker-compose.yml', 'services:\n  a: {}\n'), k('compose.prod.yaml', 'services:\n  a: {}\n'), k('docker-compose.yml', 'version: "3"\n')],
      ['compose', 'compose', 'unknown'],
    );
    assert.deepEqual([k('skaffold.yaml', 'apiVersion: skaffold/v4beta6\nkind: Config\n'), k('skaffold.yaml', 'name: not skaffold\n')], ['skaffold', 'unknown']);
    assert.deepEqual([k('Procfile'), k('svc/package.json', '{}'), k('api/v1/shop.proto')], ['procfile', 'package-json', 'proto']);
  });
  it('compose: build as a string or a map; services without build are skipped', () => {
    const a = analyzeFile(
      'services:\n  web:\n    build: ./web\n  api:\n    image: acme/api\n    build:\n      context: api\n      dockerfile: Dockerfile.dev\n  db:\n    image: postgres:16\n',
      'docker-compose.yml',
    );
    assert.deepEqual(
      a.facts?.builds?.map((x) => [x.service, x.image, x.context, x.dockerfile]),
      [
        ['web', undefined, './web', undefined],
        ['api', 'acme/api', 'api', 'Dockerfile.dev'],
      ],
    );
  });
  it('skaffold: artifacts of the build and of profiles, context defaulting to .', () => {
    const a = analyzeFile(
      'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: web\n    - image: api\n      context: api\n      docker: { dockerfile: build/Dockerfile }\nprofiles:\n  - name: gcb\n    build:\n      artifacts:\n        - image: worker\n          context: worker\n',
      'skaffold.yaml',
    );
    assert.deepEqual(
      a.facts?.builds?.map((x) => [x.image, x.context, x.dockerfile]),
      [
        ['web', '.', undefined],
        ['api', 'api', 'build/Dockerfile'],
        ['worker', 'worker', undefined],
      ],
    );
  });
  it('skaffold: a Jib artifact of a multi-module project builds the module folder; a groupId:artifactId names no folder', () => {
    const a = analyzeFile(
      'apiVersion: skaffold/v4beta1\nkind: Config\nbuild:\n  artifacts:\n    - image: writer\n      context: ../../../\n      jib:\n        project: src/ledger/writer\n        type: maven\n    - image: reader\n      context: .\n      jib: { project: "com.acme:reader" }\n    - image: plain\n      jib: {}\n',
      'src/ledger/writer/skaffold.yaml',
    );
    assert.deepEqual(
      a.facts?.builds?.map((x) => [x.image, x.context]),
      [
        ['writer', '../../../src/ledger/writer'],
        ['reader', '.'],
        ['plain', '.'],
      ],
    );
  });
  it('package.json that is not JSON gives no facts and no finding', () => {
    const a = analyzeFile('{ "main": ', 'svc/package.json');
    assert.deepEqual([a.facts, a.findings], [{}, []]);
  });
  it('proto: services with RPCs, streaming marked; commented-out services and message-only files ignored', () => {
    const text =
      'syntax = "proto3";\n// service Old { rpc A (X) returns (Y); }\n/* service Gone {\n rpc B (X) returns (Y);\n} */\nservice Cart {\n  rpc Add (Item) returns (Empty);\n}\nservice Feed { rpc Watch (Q) returns (stream Event); }\nservice Empty {}\nmessage Item {}\n';
    assert.deepEqual(
      extractProto(text).grpcServices?.map((s) => [s.name, s.line, s.streaming]),
      [
        ['Cart', 6, false],
        ['Feed', 9, true],
      ],
    );
  });
  it('facts never keep a credential: Helm values, commands and scripts are masked', () => {
    const values = analyzeFile(
      'db:\n  password: hunter2-Very-Long-1\n  host: db.local\nimage:\n  repository: ghcr.io/acme/api\n',
      'chart/values.yaml',
      {},
      'helm-values',
    );
    assert.deepEqual(values.facts?.values, { db: { password: '***', host: 'db.local' }, image: { repository: 'ghcr.io/acme/api' } });
    const docker = stages('FROM node:22\nCMD ["node", "app.js", "--token", "ghp_0123456789abcdefghijABCDEFGHIJ012345"]\n');
    assert.ok(!JSON.stringify(docker).includes('ghp_0123456789'), JSON.stringify(docker[0].cmd));
    const pkg = analyzeFile('{ "scripts": { "start": "API_KEY=sk_live_0123456789abcdefABCDEF node index.js" } }', 'svc/package.json');
    assert.ok(!JSON.stringify(pkg.facts).includes('sk_live_0123456789'), JSON.stringify(pkg.facts));
  });
  it('shell words keep quoted strings whole', () => assert.deepEqual(shellWords(`a "b c" 'd e' f\\ g`), ['a', 'b c', 'd e', 'f g']));
});

describe('image references', () => {
  const table: [string, string, string, boolean][] = [
    ['ghcr.io/acme/orders:1.2', 'ghcr.io/acme/orders', 'orders', false],
    ['localhost:5000/api', 'localhost:5000/api', 'api', false],
    ['redis:7.2-alpine', 'redis', 'redis', true],
    ['bitnami/postgresql@sha256:abcdef0123', 'bitnami/postgresql', 'postgresql', true],
    ['${REGISTRY}/inventory:${TAG}', '${registry}/inventory', 'inventory', false],
    ['otel/opentelemetry-collector-contrib:0.100.0', 'otel/opentelemetry-collector-contrib', 'opentelemetry-collector-contrib', true],
    ['us-docker.pkg.dev/acme/shop/frontend:v1', 'us-docker.pkg.dev/acme/shop/frontend', 'frontend', false],
  ];
  for (const [image, repo, base, third] of table) {
    it(image, () => assert.deepEqual([imageRepo(image), imageBase(image), isThirdPartyImage(image)], [repo, base, third]));
  }
});

describe('go build lines in scripts', () => {
  const g = (text: string) => (extractBuildScript(text).goBuilds ?? []).map((x) => [x.output, x.pkgs.join(' '), x.dir ?? '']);
  it('reads each binary a Makefile builds, from the folder a line changed to', () => {
    assert.deepEqual(
      g(
        [
          'build:',
          '\tenv GOARCH=amd64 GOOS=linux go build -ldflags="-s -w" -o bin/create todos/create.go',
          '\tcd getFolder && env GOOS=linux go build -o ../bin/getBin getExample.go && cd ..',
          '\t@for function in $(functions) ; do \\',
          '\t\tgo build -ldflags="-s -w" -o bin/$$function functions/$$function/main.go ; \\',
          '\tdone',
          '\tgo build -o=bin/worker ./cmd/worker',
        ].join('\n'),
      ),
      [
        ['bin/create', 'todos/create.go', ''],
        ['../bin/getBin', 'getExample.go', 'getFolder'],
        ['bin/$$function', 'functions/$$function/main.go', ''],
        ['bin/worker', './cmd/worker', ''],
      ],
    );
  });
  it('not a binary a handler could name: no -o, a SAM build into its artifacts folder, a comment', () => {
    assert.deepEqual(g('build:\n\tgo build ./...\n\tgo build -o $(ARTIFACTS_DIR)/bootstrap .\n# go build -o bin/old old.go\n'), []);
  });
  it('a Makefile is a build script when it builds Go binaries by name', () => {
    assert.equal(detectKind('Makefile', 'build:\n\tgo build -o bin/a a.go\n'), 'build-script');
    assert.equal(detectKind('Makefile', 'test:\n\tgo test ./...\nbuild:\n\tgo build ./...\n'), 'unknown');
  });
});

describe('a Makefile sam build runs (BuildMethod: makefile)', () => {
  const t = (text: string) => extractBuildScript(text).makeTargets;
  it('each build-<LogicalId> target: the projects, packages and folders its recipe builds or copies from', () => {
    assert.deepEqual(
      t(
        [
          'build-GetFunction:',
          '\tdotnet clean',
          '\tdotnet publish Get/Get.csproj -c Release -r linux-x64 --self-contained -o $(ARTIFACTS_DIR)',
          '',
          'build-WorkerFunction:',
          '\tcd worker && GOOS=linux go build -o $(ARTIFACTS_DIR)/bootstrap ./cmd/run',
          'build-PyFunction:',
          '\tpip install -r requirements.txt -t $(ARTIFACTS_DIR)',
          '\tcp -r src/* $(ARTIFACTS_DIR)',
          'build-RustFunction:',
          '\tcargo lambda build --release --manifest-path crates/api/Cargo.toml \\',
          '\t  --output-format zip',
          'build-ApiFunction: deps',
          '\t# dotnet publish Old/Old.csproj',
          '\tdotnet publish ./Api/ -o $(ARTIFACTS_DIR)',
          'clean:',
          '\trm -rf bin',
        ].join('\n'),
      ),
      {
        'build-GetFunction': ['Get'],
        'build-WorkerFunction': ['worker/cmd/run', 'worker'],
        'build-PyFunction': ['src'],
        'build-RustFunction': ['crates/api'],
        'build-ApiFunction': ['Api'],
      },
    );
  });
  it('tricky negatives: a variable named build-…, a path made of make variables, a target of another name', () => {
    assert.equal(t('build-dir := out\nbuild:\n\tdotnet publish App/App.csproj\n'), undefined);
    assert.equal(t('build-GetFunction:\n\tcp -r $(SRC) $(ARTIFACTS_DIR)\n\tdotnet publish $(PROJECT)\n'), undefined);
  });
  it('a Makefile with such targets is a build script; one without is not', () => {
    assert.equal(detectKind('Makefile', 'build-GetFunction:\n\tdotnet publish Get/Get.csproj -o $(ARTIFACTS_DIR)\n'), 'build-script');
    assert.equal(detectKind('Makefile', 'build-dir := out\ntest:\n\tdotnet test\n'), 'unknown');
  });
});

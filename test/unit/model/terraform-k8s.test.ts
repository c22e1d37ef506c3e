// Kubernetes objects declared with Terraform's kubernetes provider (src/core/model/terraformK8s.ts): read as the
// manifests they stand for, judged as those are, positions in the .tf file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile, analyzeWorkspace } from '../../../src/core/analyze';
import { computeLineStarts, lineColumnAt } from '../../../src/core/position';

const DEPLOYMENT = `resource "kubernetes_deployment_v1" "api" {
  metadata {
    name      = "api"
    namespace = kubernetes_namespace.app.metadata[0].name
  }
  spec {
    replicas = 3
    selector {
      match_labels = {
        app = "api"
      }
    }
    template {
      metadata {
        labels = {
          app = "api"
        }
      }
      spec {
        container {
          name  = "api"
          image = "ghcr.io/acme/api:\${var.tag}"
          port {
            container_port = 8080
          }
          resources {
            limits = {
              memory = "512Mi"
            }
          }
        }
        container {
          name  = "log-shipper"
          image = "fluent/fluent-bit:3.0"
        }
        volume {
          name = "data"
          persistent_volume_claim {
            claim_name = "api-data"
          }
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "api" {
  metadata {
    name = "api"
  }
  spec {
    selector = {
      app = "api"
    }
    port {
      port        = 80
      target_port = 8080
    }
  }
}

resource "kubernetes_cron_job_v1" "nightly" {
  metadata {
    name = "nightly"
  }
  spec {
    schedule = "0 3 * * *"
    job_template {
      metadata {}
      spec {
        active_deadline_seconds = 3600
        template {
          metadata {}
          spec {
            container {
              name    = "report"
              image   = "ghcr.io/acme/report:1"
              command = ["python", "report.py"]
            }
          }
        }
      }
    }
  }
}

resource "kubernetes_config_map_v1" "settings" {
  metadata {
    name = "settings"
  }
  data = {
    LOG_LEVEL = "info"
  }
}
`;

const lineOf = (text: string, offset: number) => lineColumnAt(computeLineStarts(text), offset).line;

describe('Terraform kubernetes provider resources', () => {
  it('a Deployment, its Service and a CronJob are workloads read as their manifests; a ConfigMap is none', () => {
    const a = analyzeFile(DEPLOYMENT, 'infra/app.tf');
    const units = a.units.filter((u) => u.kind === 'k8s-workload');
    assert.deepEqual(
      units.map((u) => [u.name, u.workloadKind, u.source]),
      [
        ['api', 'Deployment', 'terraform'],
        ['nightly', 'CronJob', 'terraform'],
      ],
    );
    const api = units[0];
    assert.equal(api.replicas, 3);
    assert.deepEqual(
      api.containers?.map((c) => [c.name, c.image, c.ports?.[0]?.containerPort]),
      [
        ['api', 'ghcr.io/acme/api:{{ var.tag }}', 8080],
        ['log-shipper', 'fluent/fluent-bit:3.0', undefined],
      ],
    );
    assert.deepEqual(api.containers?.[0].resources, { limits: { memory: '512Mi' } });
    assert.deepEqual(api.sidecars, ['log-shipper']);
    assert.deepEqual(api.volumes, [{ name: 'data', type: 'persistentVolumeClaim' }]);
    // A reference (the namespace) is not evaluated: unknown, never a guess.
    assert.equal(api.namespace, undefined);
    assert.deepEqual(units[1].events, [{ type: 'schedule', detail: '0 3 * * *' }]);
    assert.equal(units[1].activeDeadlineSeconds, 3600);
  });

  it("findings point at the .tf file's own lines: the port block, the volume, the deadline", () => {
    const r = analyzeWorkspace([{ file: 'infra/app.tf', text: DEPLOYMENT }]);
    const at = (rule: string, unit: string) => r.findings.filter((f) => f.ruleId === rule && f.unit === unit).map((f) => [f.line, f.severity]);
    assert.deepEqual(at('iac/stateful-storage', 'api'), [[lineOf(DEPLOYMENT, DEPLOYMENT.indexOf('volume {')), 'error']]);
    assert.deepEqual(at('iac/long-running', 'nightly'), [[lineOf(DEPLOYMENT, DEPLOYMENT.indexOf('active_deadline_seconds')), 'error']]);
    assert.deepEqual(at('iac/listening-server', 'api'), [[lineOf(DEPLOYMENT, DEPLOYMENT.indexOf('port {')), 'warning']]);
    assert.deepEqual(at('iac/sidecar', 'api'), [[lineOf(DEPLOYMENT, DEPLOYMENT.indexOf('container {', DEPLOYMENT.indexOf('log-shipper') - 80)), 'warning']]);
    // The Service in the same file gives the Deployment its HTTP way in.
    assert.deepEqual(r.units.find((u) => u.name === 'api')?.events, [{ type: 'http', detail: 'Service api 80→8080', service: 'api' }]);
  });

  it('joins its image to the code a build script in the workspace builds, as a manifest does', () => {
    const r = analyzeWorkspace([
      { file: 'infra/app.tf', text: DEPLOYMENT.replace('ghcr.io/acme/report:1', 'ghcr.io/acme/report:latest') },
      { file: 'build.sh', text: 'docker build -t ghcr.io/acme/report:latest report\n' },
      { file: 'report/Dockerfile', text: 'FROM python:3.12\nCOPY report.py .\nCMD ["python", "report.py"]\n' },
      { file: 'report/report.py', text: 'import threading\n\nthreading.Thread(target=print).start()\n' },
    ]);
    assert.deepEqual(r.units.find((u) => u.name === 'nightly')?.codeFiles, ['report/report.py']);
  });

  it("names and images from the file's literal locals and variable defaults; other references stay unknown", () => {
    const tf = `locals {
  app_name = "app-2048"
}
variable "tag" {
  default = "1.4"
}
variable "registry" {}
resource "kubernetes_deployment_v1" "this" {
  metadata {
    name = local.app_name
  }
  spec {
    template {
      spec {
        container {
          name  = local.app_name
          image = "\${var.registry}/game:\${var.tag}"
        }
      }
    }
  }
}
`;
    const [u] = analyzeFile(tf, 'main.tf').units;
    assert.equal(u.name, 'app-2048');
    // var.registry has no default: it stays a marker, as an unrendered value does.
    assert.equal(u.image, '{{ var.registry }}/game:1.4');
  });

  it('tricky negatives: a file of Lambda functions only, and a provider resource without a name label, give no workload', () => {
    const lambda = 'resource "aws_lambda_function" "fn" {\n  function_name = "fn"\n  handler = "app.handler"\n  runtime = "python3.13"\n}\n';
    assert.deepEqual(
      analyzeFile(lambda, 'main.tf').units.map((u) => u.kind),
      ['lambda-function'],
    );
    assert.deepEqual(analyzeFile('resource "kubernetes_deployment_v1" {\n}\n', 'main.tf').units, []);
  });
});

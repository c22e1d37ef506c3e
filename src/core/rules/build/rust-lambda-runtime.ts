// A rule of the workspace join (src/core/join): Rust code is not analysed, but the crates a function's Cargo.toml
// depends on say whether it is written against the Lambda runtime. The join finds the manifest above the function's
// code path (cargo lambda builds into target/lambda/NAME/) and reports it with this metadata.
import type { RuleMeta } from '../types';

/** The crates that run a Rust program as a Lambda function, and what each hands the code. */
export const RUST_LAMBDA_CRATES: Record<string, string> = {
  lambda_http: 'API Gateway, function URL and ALB requests as http::Request values',
  lambda_runtime: 'Lambda events',
};

/** A Rust function built on the Lambda runtime crates: nothing in a pod polls the Runtime API for its events. */
export const rustLambdaRuntime: RuleMeta = {
  id: 'build/rust-lambda-runtime',
  category: 'runtime-coupling',
  severity: 'warning',
  direction: 'to-kubernetes',
  docs: {
    description:
      "A Rust function whose Cargo.toml depends on `lambda_runtime` or `lambda_http` runs its code through the Lambda Runtime API's polling loop, which nothing provides in a pod.",
    reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-rust.html',
  },
  messages: {
    crate:
      '{name} is built with the {crate} crate, whose run() polls the Lambda Runtime API and hands the code {what}; in a pod nothing answers that API, so the binary never gets a request. Serve the same service from an HTTP server (axum or hyper can call the tower::Service a lambda_http handler is) or a queue consumer, or run the binary under the Runtime Interface Emulator as a Job.',
  },
};

terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

variable "invoice_timeout" {
  type    = number
  default = 900
}

locals {
  function_name = "acme-invoice-generator"
}

resource "aws_iam_role" "invoices" {
  name = "${local.function_name}-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_lambda_function" "invoices" {
  function_name = local.function_name
  role          = aws_iam_role.invoices.arn
  runtime       = "python3.9"
  handler       = "invoices.handler"
  filename      = "../build/invoices.zip"
  timeout       = var.invoice_timeout
  memory_size   = 3008
  architectures = ["x86_64"]

  ephemeral_storage {
    size = 4096
  }

  environment {
    variables = {
      BUCKET      = "acme-invoices"
      DB_PASSWORD = "hunter2-do-not-commit"
    }
  }
}

resource "aws_cloudwatch_event_rule" "monthly" {
  name                = "acme-invoices-monthly"
  schedule_expression = "cron(0 6 1 * ? *)"
}

resource "aws_cloudwatch_event_target" "monthly" {
  rule = aws_cloudwatch_event_rule.monthly.name
  arn  = aws_lambda_function.invoices.arn
}

import { awsDeprecatedRuntime } from '../../../src/core/rules/aws';
import { awsRuleTable, rec } from '../inventory/awsRuleTable';

awsRuleTable(awsDeprecatedRuntime, {
  valid: [
    { name: 'nodejs22.x well before its 2027-04-30 deprecation', rec: rec({ Runtime: 'nodejs22.x' }) },
    { name: 'python3.13', rec: rec({ Runtime: 'python3.13' }) },
    { name: 'java21', rec: rec({ Runtime: 'java21' }) },
    { name: 'nodejs20.x judged on a day before its deprecation window', rec: rec({ Runtime: 'nodejs20.x' }), today: '2025-06-01' },
    { name: 'python3.10 one day more than 180 days out', rec: rec({ Runtime: 'python3.10' }), today: '2026-05-03' },
    { name: 'container image (no runtime)', rec: rec({ Runtime: undefined, PackageType: 'Image' }) },
    { name: 'OS-only runtime provided.al2023', rec: rec({ Runtime: 'provided.al2023' }) },
    { name: 'a runtime the table does not know (ruby3.4)', rec: rec({ Runtime: 'ruby3.4' }) },
    { name: 'nodejs (prefix) lookalike "nodejs22.x-custom" is not guessed', rec: rec({ Runtime: 'nodejs22.x-custom' }) },
  ],
  invalid: [
    { name: 'nodejs20.x after 2026-04-30', rec: rec({ Runtime: 'nodejs20.x' }), errors: [{ message: 'deprecated since 2026-04-30', severity: 'warning' }] },
    { name: 'python3.9 after 2025-12-15', rec: rec({ Runtime: 'python3.9' }), errors: [{ message: 'Upgrade to python3.14', severity: 'warning' }] },
    {
      name: 'nodejs18.x once updates are blocked',
      rec: rec({ Runtime: 'nodejs18.x' }),
      today: '2027-03-03',
      errors: [{ message: 'blocked from updates since 2027-03-03', severity: 'error' }],
    },
    { name: 'python3.10 within 180 days', rec: rec({ Runtime: 'python3.10' }), errors: [{ message: 'deprecates on 2026-10-31', severity: 'info' }] },
    {
      name: 'python3.10 on its deprecation day',
      rec: rec({ Runtime: 'python3.10' }),
      today: '2026-10-31',
      errors: [{ message: 'deprecated since 2026-10-31', severity: 'warning' }],
    },
    { name: 'nodejs16.x (retired)', rec: rec({ Runtime: 'nodejs16.x' }), errors: [{ message: 'retired years ago', severity: 'warning' }] },
    { name: 'go1.x (retired) points at provided.al2023', rec: rec({ Runtime: 'go1.x' }), errors: [{ message: 'provided.al2023' }] },
    { name: 'java8 (Amazon Linux 1)', rec: rec({ Runtime: 'java8' }), errors: [{ message: 'Upgrade to java25' }] },
    {
      name: 'dotnet6 after 2024-12-20: deprecated, not yet blocked (updates until 2027-03-03)',
      rec: rec({ Runtime: 'dotnet6' }),
      errors: [
        {
          message: 'runs dotnet6, deprecated since 2024-12-20: it gets no security patches and updates are blocked from 2027-03-03. Upgrade to dotnet10',
          severity: 'warning',
        },
      ],
    },
    { name: 'ruby2.7 (retired) points at ruby3.4', rec: rec({ Runtime: 'ruby2.7' }), errors: [{ message: 'Upgrade to ruby3.4' }] },
    { name: 'java11 after 2027-06-30', rec: rec({ Runtime: 'java11' }), today: '2027-07-01', errors: [{ message: 'deprecated since 2027-06-30' }] },
    { name: 'python3.8 (retired)', rec: rec({ Runtime: 'python3.8', FunctionName: 'etl' }), errors: [{ message: /^Function etl runs python3\.8/ }] },
  ],
});

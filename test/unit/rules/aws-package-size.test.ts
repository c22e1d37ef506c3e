import { awsPackageSize } from '../../../src/core/rules/aws';
import { awsRuleTable, rec } from '../inventory/awsRuleTable';

const MB = 1024 * 1024;

awsRuleTable(awsPackageSize, {
  valid: [
    { name: 'a 4 KB bundle', rec: rec({ CodeSize: 4096 }) },
    { name: '24.9 MB zip', rec: rec({ CodeSize: 25 * MB - 1 }) },
    {
      name: 'code plus layers just under 25 MB',
      rec: rec({ CodeSize: 10 * MB, Layers: [{ Arn: 'arn:aws:lambda:eu-west-1:1:layer:x:1', CodeSize: 15 * MB - 1 }] }),
    },
    { name: 'container image (CodeSize 0, size not in the API)', rec: rec({ PackageType: 'Image', CodeSize: 0 }) },
    { name: 'container image with a misleading CodeSize', rec: rec({ PackageType: 'Image', CodeSize: 900 * MB }) },
    { name: 'CodeSize unknown', rec: rec({ CodeSize: undefined }) },
    { name: 'layer without a CodeSize', rec: rec({ CodeSize: 2 * MB, Layers: [{ Arn: 'arn:aws:lambda:eu-west-1:1:layer:x:1' }] }) },
    { name: 'zero-byte package', rec: rec({ CodeSize: 0 }) },
  ],
  invalid: [
    { name: '60 MB zip', rec: rec({ CodeSize: 60 * MB }), errors: [{ message: 'ships 60 MB zipped', severity: 'warning' }] },
    { name: 'exactly 50 MB', rec: rec({ CodeSize: 50 * MB }), errors: [{ severity: 'warning', message: 'over the 50 MB direct-upload quota' }] },
    { name: '30 MB is notable', rec: rec({ CodeSize: 30 * MB }), errors: [{ severity: 'info', message: 'noticeable cold-start time' }] },
    { name: 'exactly 25 MB', rec: rec({ CodeSize: 25 * MB }), errors: [{ severity: 'info' }] },
    {
      name: 'small code, big layers',
      rec: rec({
        CodeSize: 1 * MB,
        Layers: [
          { Arn: 'a', CodeSize: 30 * MB },
          { Arn: 'b', CodeSize: 20 * MB },
        ],
      }),
      errors: [{ severity: 'warning', message: 'function 1 MB + layers 50 MB' }],
    },
    {
      name: 'layers push it over 25 MB',
      rec: rec({ CodeSize: 20 * MB, Layers: [{ Arn: 'a', CodeSize: 6 * MB }] }),
      errors: [{ severity: 'info', message: '26 MB zipped' }],
    },
    { name: 'package type not reported (older API)', rec: rec({ PackageType: undefined, CodeSize: 70 * MB }), errors: [{ severity: 'warning' }] },
    {
      name: 'fractional size is rounded to 0.1 MB',
      rec: rec({ CodeSize: Math.round(52.34 * MB), FunctionName: 'pdf' }),
      errors: [{ message: /^Function pdf ships 52\.3 MB zipped/ }],
    },
  ],
});

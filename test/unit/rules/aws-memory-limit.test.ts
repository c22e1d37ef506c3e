import { awsMemoryLimit } from '../../../src/core/rules/aws';
import { awsRuleTable, rec } from '../inventory/awsRuleTable';

awsRuleTable(awsMemoryLimit, {
  valid: [
    { name: 'default 128 MB', rec: rec({ MemorySize: 128 }) },
    { name: '1769 MB (one vCPU)', rec: rec({ MemorySize: 1769 }) },
    { name: '3008 MB', rec: rec({ MemorySize: 3008 }) },
    { name: '8192 MB', rec: rec({ MemorySize: 8192 }) },
    { name: 'just under 90% (9215 MB)', rec: rec({ MemorySize: 9215 }) },
    { name: 'memory unknown', rec: rec({ MemorySize: undefined }) },
    { name: 'big ephemeral storage is not memory', rec: rec({ MemorySize: 1024, EphemeralStorage: { Size: 10240 } }) },
    { name: 'container image at 4096 MB', rec: rec({ MemorySize: 4096, PackageType: 'Image' }) },
  ],
  invalid: [
    { name: 'at the 10,240 MB maximum', rec: rec({ MemorySize: 10240 }), errors: [{ message: "Lambda's maximum", severity: 'warning' }] },
    { name: 'maximum suggests about 5.8 vCPU', rec: rec({ MemorySize: 10240 }), errors: [{ message: 'roughly 5.8 vCPU' }] },
    { name: 'at 9216 MB (90%)', rec: rec({ MemorySize: 9216 }), errors: [{ message: 'within 10%', severity: 'info' }] },
    { name: 'at 10000 MB', rec: rec({ MemorySize: 10000 }), errors: [{ message: 'about 10000Mi', severity: 'info' }] },
    {
      name: 'image function at the maximum',
      rec: rec({ MemorySize: 10240, PackageType: 'Image', Runtime: undefined }),
      errors: [{ message: 'cannot get more memory' }],
    },
    { name: 'arm64 at 9800 MB', rec: rec({ MemorySize: 9800, Architectures: ['arm64'] }), errors: [{ severity: 'info', message: '9800 MB' }] },
    {
      name: 'python at the maximum',
      rec: rec({ MemorySize: 10240, Runtime: 'python3.13', FunctionName: 'ml' }),
      errors: [{ message: /^Function ml is configured with 10240 MB/ }],
    },
    {
      name: 'a value above the documented maximum still reports at max',
      rec: rec({ MemorySize: 10241 }),
      errors: [{ severity: 'warning', message: '10241 MB' }],
    },
  ],
});

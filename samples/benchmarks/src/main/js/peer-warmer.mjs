// Generates serverless-plugin-warmup's own warmer, unmodified, with the plugin's own configuration code,
// for one function named by the first argument, into the folder named by the second. The plugin and
// the AWS SDK for JavaScript v3 it imports come from the npm registry (see PeerWarmerBenchmark).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url + '/../');
const [functionName, folder, pluginDir] = process.argv.slice(2);
const { getConfigsByWarmer } = require(`${pluginDir}/node_modules/serverless-plugin-warmup/src/config.js`);
const { createWarmUpFunctionArtifact } = require(`${pluginDir}/node_modules/serverless-plugin-warmup/src/warmer.js`);

// What a serverless.yml with `custom.warmup.default.enabled: true` and one function declares.
const service = {
  service: 'benchmark',
  provider: {},
  custom: { warmup: { default: { enabled: true } } },
  getAllFunctions: () => [functionName],
  getFunction: () => ({ name: functionName }),
};
const warmer = getConfigsByWarmer({ service, classes: { Error } }, 'dev').default;
await createWarmUpFunctionArtifact(warmer.functions, warmer.tracing, warmer.verbose, 'us-east-1', folder);
console.log(`generated ${folder}/index.mjs for ${warmer.functions.map((f) => f.name).join(', ')}`);

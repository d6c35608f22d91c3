/**
 * The import rules of the house, checked by `npm run lint` (dependency-cruiser). Layers: `functions/core`
 * is pure (no AWS, no middy, no configuration), and the web app takes from the server only types and the
 * pure rules of `functions/core`.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles-server',
      comment: 'No import cycle in the server code, the infrastructure, the forms build or the tests.',
      severity: 'error',
      from: { path: '^(functions|infra|forms|tests)/' },
      to: { circular: true },
    },
    {
      name: 'no-cycles-web',
      comment: 'No import cycle in the web app (pages, features and the session import downwards only).',
      severity: 'error',
      from: { path: '^web/' },
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment:
        'functions/core holds the rules without AWS, middy or configuration: it imports only itself and ' +
        "Node's built-ins: no adapter, service, handler, configuration or composition root, and no package " +
        '(so neither the AWS SDK nor middy). The web app bundles these rules as they are.',
      severity: 'error',
      from: { path: '^functions/core/' },
      to: {
        pathNot: ['^functions/core/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'web-takes-types-and-pure-rules-only',
      comment:
        'The browser bundle may use the pure rules of functions/core; anything else from the server or the ' +
        'infrastructure only as types (erased at build time).',
      severity: 'error',
      from: { path: '^web/' },
      to: {
        path: '^(functions|infra)/',
        pathNot: '^functions/core/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-unresolvable',
      comment:
        "Every import resolves (a typo or a missing package fails here, not at run time); the forms' " +
        'generated validators exist only after `npm run build:forms`.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^#generated/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Build output and data; node_modules is not excluded (imports of packages must be seen), only not followed.
    exclude: { path: '^(web/dist|cdk\\.out|forms/generated|\\.data)/' },
    // Type-only imports count (and are told apart), so the web rule can allow exactly those.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

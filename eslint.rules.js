import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Project lint rules that keep the server's layers apart (see docs/architecture.md).

const root = dirname(fileURLToPath(import.meta.url));
const QUERY_METHODS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto', 'with']);

/** 'customers' for server/src/modules/customers/…; null outside the modules. */
function moduleOf(file) {
  const parts = relative(root, file).split(sep);
  return parts[0] === 'server' && parts[1] === 'src' && parts[2] === 'modules' ? parts[3] : null;
}

/** Where queries may be built: repo files (repo.ts, *-repo.ts, repo/), db/, search/, policy/. */
function mayQuery(file) {
  const rel = relative(root, file).split(sep).join('/');
  if (!rel.startsWith('server/src/')) return true;
  if (/^server\/src\/(db|search|policy)\//.test(rel)) return true;
  return /(^|\/)(repo|[a-z-]+-repo)\.ts$/.test(rel) || /\/repo\//.test(rel);
}

const isRepoPath = (source) => /(^|\/)(repo|[a-z-]+-repo)(\.js)?$/.test(source) || /\/repo\//.test(source);

export const kehuRules = {
  rules: {
    'no-foreign-repo': {
      meta: { type: 'problem', messages: { foreign: "Module '{{from}}' imports the repo of '{{to}}': call its service instead." } },
      create(context) {
        const from = moduleOf(context.filename);
        return {
          ImportDeclaration(node) {
            const source = node.source.value;
            if (!from || typeof source !== 'string' || !source.startsWith('.') || !isRepoPath(source)) return;
            const to = moduleOf(resolve(dirname(context.filename), source));
            if (to && to !== from) context.report({ node, messageId: 'foreign', data: { from, to } });
          },
        };
      },
    },
    'queries-in-repos': {
      meta: { type: 'problem', messages: { query: '{{what}} belongs in a repo (or db/, search/, policy/), not here.' } },
      create(context) {
        if (mayQuery(context.filename)) return {};
        return {
          CallExpression(node) {
            const callee = node.callee;
            if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && QUERY_METHODS.has(callee.property.name)) {
              // `.with` only counts on a query builder chain start (db.with / trx.with).
              if (callee.property.name === 'with' && callee.object.type !== 'Identifier') return;
              context.report({ node, messageId: 'query', data: { what: `A query (${callee.property.name})` } });
            }
          },
          ImportDeclaration(node) {
            if (node.source.value !== 'kysely') return;
            for (const spec of node.specifiers) {
              if (spec.type === 'ImportSpecifier' && spec.imported.name === 'sql' && spec.importKind !== 'type' && node.importKind !== 'type') {
                context.report({ node: spec, messageId: 'query', data: { what: 'Raw sql' } });
              }
            }
          },
        };
      },
    },
  },
};

// A real OpenID Connect provider for the sign-on tests: panva's
// oidc-provider (certified by the OpenID Foundation) with a small log-in
// page of its own, standing in for Entra ID, Google or Keycloak.
//
//   node server.mjs PORT CONFIG.json
//
// CONFIG.json: {"client": {"client_id", "client_secret", "redirect_uris"},
//               "accounts": {USERNAME: {password, sub, email, name,
//                             given_name, family_name, groups, amr, acr,
//                             disabled}}}
// The accounts are read again at every log-in and every claims request, so
// a test disables an account by rewriting the file, as a directory
// administrator would; the provider then refuses it (access_denied).

import './clock.mjs';

import { readFileSync } from 'node:fs';
import http from 'node:http';

import Provider, { interactionPolicy } from 'oidc-provider';

const port = Number(process.argv[2]);
const configPath = process.argv[3];
const issuer = `http://127.0.0.1:${port}`;

function loadConfig() {
  return JSON.parse(readFileSync(configPath, 'utf8'));
}

function accountBySub(sub) {
  const { accounts } = loadConfig();
  return Object.entries(accounts).find(([, account]) => account.sub === sub);
}

const { client } = loadConfig();

// A session whose account was disabled since (findAccount finds nothing)
// counts as no session: the person is asked to sign in again, and with
// prompt=none (the application's silent re-check) the answer is
// login_required.
const policy = interactionPolicy.base();
policy.get('login').checks.unshift(new interactionPolicy.Check(
  'account_disabled',
  'the account was disabled',
  (ctx) => (ctx.oidc.session.accountId && !ctx.oidc.account
    ? interactionPolicy.Check.REQUEST_PROMPT
    : interactionPolicy.Check.NO_NEED_TO_PROMPT),
));

const provider = new Provider(issuer, {
  clients: [{
    client_id: client.client_id,
    client_secret: client.client_secret,
    redirect_uris: client.redirect_uris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: {
    acr: null,
    amr: null,
    auth_time: null,
    iss: null,
    sid: null,
    // As Entra ID and Keycloak do, the ID token says how the person signed in.
    openid: ['sub', 'acr', 'amr', 'auth_time'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    groups: ['groups'],
  },
  features: {
    devInteractions: { enabled: false },
  },
  pkce: { required: () => false },
  cookies: { keys: ['sign-on-tests-only'] },
  // First-party client: no consent screen, as a library's own tenant
  // configures it for its staff application.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
  interactions: {
    policy,
    url(ctx, interaction) {
      return `/interaction/${interaction.uid}`;
    },
  },
  async findAccount(ctx, sub) {
    const found = accountBySub(sub);
    if (!found || found[1].disabled) {
      return undefined;
    }
    const [username, account] = found;
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          email: account.email,
          email_verified: true,
          name: account.name,
          given_name: account.given_name,
          family_name: account.family_name,
          preferred_username: username,
          groups: account.groups || [],
        };
      },
    };
  },
});

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage(uid, message) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider: sign in</title></head>
<body><main><h1>Test identity provider</h1>
${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<p><label for="username">Username</label> <input id="username" name="username" autocomplete="username"></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password"></p>
<p><button type="submit">Sign in</button></p>
</form></main></body></html>`;
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const callback = provider.callback();

const server = http.createServer(async (req, res) => {
  const match = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(req.url.split('?')[0]);
  if (!match) {
    callback(req, res);
    return;
  }
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(loginPage(details.uid, ''));
      return;
    }
    const form = await readForm(req);
    const { accounts } = loadConfig();
    const account = accounts[form.get('username')];
    if (!account || account.password !== form.get('password')) {
      res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' });
      res.end(loginPage(details.uid, 'Wrong username or password.'));
      return;
    }
    if (account.disabled) {
      await provider.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: 'This account is disabled.',
      }, { mergeWithLastSubmission: false });
      return;
    }
    const login = { accountId: account.sub, remember: false };
    if (account.amr) login.amr = account.amr;
    if (account.acr) login.acr = account.acr;
    await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`interaction failed: ${error.message}`);
  }
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${issuer}\n`);
});

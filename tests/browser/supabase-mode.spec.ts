// The app in Supabase mode, as far as this machine allows: no Supabase Auth server and no Supabase
// database exist here, so the server is pointed at addresses where nothing listens. What can be
// checked: the sign-in page replaces profile selection, its forms work by keyboard, are axe-clean,
// check their input on the server and keep what was typed, and an unreachable Auth server gives a
// message people can act on. Real sign-up, sign-in, magic links and resets need a Supabase project.
import { expect, test } from '@playwright/test';
import { violations } from './axe';
import { open } from './scenarios';
import { freePort, killServer, startServer, type OwnServer } from './server';

let server: OwnServer | null = null;
let base = '';

test.beforeAll(async () => {
	const port = await freePort();
	const dead = await freePort(); // nothing listens here: Auth and Postgres both unreachable
	base = `http://localhost:${port}`;
	server = await startServer(port, {
		DATABASE_URL: `postgres://app:app@127.0.0.1:${dead}/app`,
		PUBLIC_SUPABASE_URL: `http://127.0.0.1:${dead}`,
		PUBLIC_SUPABASE_ANON_KEY: 'anon-key-for-tests'
	});
});
test.afterAll(() => killServer(server));

test('Supabase mode signs in on /login: profile selection is gone, the page is axe-clean', async ({ page }) => {
	await open(page, `${base}/profile?next=/trainer`);
	await expect(page).toHaveURL(`${base}/login?next=/trainer`);
	await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
	await expect(page.getByRole('navigation').getByRole('link', { name: '登录' })).toHaveAttribute('href', '/login');
	for (const name of ['用密码登录', '用邮件链接登录', '注册新账号', '忘记密码']) await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
	expect(await violations(page)).toEqual([]);
	// Pages that need someone signed in send people here.
	await open(page, `${base}/progress`);
	await expect(page).toHaveURL(`${base}/login?next=/progress`);
});

test('a sign-up with a bad address is refused by the server, naming the field and keeping what was typed', async ({ page }) => {
	await open(page, `${base}/login`);
	const signup = page.getByRole('region', { name: '注册新账号' });
	await signup.getByLabel('姓名').fill('李娜');
	// The browser's own check would stop "li@example"; the server must refuse it too.
	await signup.getByLabel('邮箱').fill('li@example');
	await signup.getByLabel('密码').fill('long enough');
	await page.evaluate(() => document.querySelectorAll('form').forEach((f) => f.setAttribute('novalidate', '')));
	await signup.getByRole('button', { name: '注册' }).press('Enter');
	await expect(signup.getByRole('alert')).toHaveText('请填写有效的邮箱地址，例如 name@example.com。');
	await expect(signup.getByLabel('邮箱')).toHaveValue('li@example');
	await expect(signup.getByLabel('邮箱')).toHaveAttribute('aria-invalid', 'true');
	// Focus is where the fix is.
	await expect(signup.getByLabel('邮箱')).toBeFocused();
	expect(await violations(page)).toEqual([]);
});

test('signing in by keyboard alone reaches the Auth server; when it is unreachable people are told to try later', async ({ page }) => {
	await open(page, `${base}/login`);
	const signin = page.getByRole('region', { name: '用密码登录' });
	await signin.getByLabel('邮箱').focus();
	await page.keyboard.type('zhang@example.com');
	await page.keyboard.press('Tab');
	await page.keyboard.type('correct horse');
	await page.keyboard.press('Enter');
	await expect(signin.getByRole('alert')).toHaveText('登录服务暂时出了问题，请稍后再试。');
	await expect(signin.getByLabel('邮箱')).toHaveValue('zhang@example.com');
	// Nobody is signed in after a failed attempt.
	await expect(page.getByRole('navigation').getByRole('link', { name: '登录' })).toBeVisible();
});

test('a broken or expired e-mail link lands on /login with a message, and sign-out is a POST that signs nobody in', async ({ page, request }) => {
	await open(page, `${base}/auth/confirm?token_hash=nonsense&type=bogus&next=//evil.example`);
	await expect(page).toHaveURL(`${base}/login?failed`);
	await expect(page.getByRole('alert').first()).toHaveText('登录链接无效或已过期，请重新申请。');
	expect((await request.get(`${base}/logout`, { maxRedirects: 0 })).status()).toBe(405);
	const out = await request.post(`${base}/logout`, { maxRedirects: 0, headers: { origin: base } });
	expect(out.status()).toBe(303);
	expect(out.headers().location).toBe('/');
});

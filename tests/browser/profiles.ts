// A fresh local profile for a browser test, created by keyboard on /profile.
import { expect, type Page } from '@playwright/test';
import { open } from './scenarios';

export async function newProfile(page: Page, name: string, next = '/progress') {
	await open(page, `/profile?next=${encodeURIComponent(next)}`);
	await page.getByLabel('姓名').focus();
	await page.keyboard.type(name);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?]/g, '\\$&')}$`));
}

/**
 * Layout checks for the console pages: horizontal overflow at a given viewport, accessibility
 * (axe-core, the engine behind Lighthouse's accessibility score) and full-page screenshots
 * attached to the Playwright report, in the light and the dark theme.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

/** Elements whose right edge passes the viewport: named in the failure message so the culprit is obvious. */
async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.right <= width + 1) continue;
      // Inside a scroll container (a wide table that scrolls on its own) is fine.
      let scrolled = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (/(auto|scroll|hidden|clip)/.test(style.overflowX) && p.getBoundingClientRect().right <= width + 1) {
          scrolled = true;
          break;
        }
      }
      if (!scrolled)
        culprits.push(
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${String(el.className).slice(0, 60)} → ${Math.round(rect.right)}px`,
        );
    }
    return culprits.slice(0, 8);
  });
}

/** The page does not scroll sideways: its document is no wider than the viewport. */
export async function expectNoHorizontalOverflow(page: Page, label: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  const culprits = scrollWidth > clientWidth ? await overflowingElements(page) : [];
  expect
    .soft(scrollWidth, `${label}: page is ${scrollWidth}px wide in a ${clientWidth}px viewport; ${culprits.join("; ")}`)
    .toBeLessThanOrEqual(clientWidth);
}

// The themes change colours only, so the rules that read colours are the ones worth running twice.
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/**
 * WCAG 2.1 A and AA rules (contrast, names, labels, landmarks…) that axe finds broken on the page;
 * `coloursOnly` runs just the rules that depend on the theme's colours.
 */
async function accessibilityViolations(page: Page, coloursOnly: boolean): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  const results = await (
    coloursOnly
      ? axe.withRules(COLOUR_RULES)
      : axe.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
  ).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 4)
        .join(", ")}`,
  );
}

/**
 * In both themes: no accessibility violation (every rule in the light theme, the colour rules again
 * in the dark one), and a full-page screenshot attached to the test's report entry.
 */
export async function checkThemesAndAttachScreenshots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator("html")).toHaveClass(colorScheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    expect
      .soft(
        await accessibilityViolations(page, colorScheme === "dark"),
        `${name} (${colorScheme}): accessibility violations`,
      )
      .toEqual([]);
    const body = await page.screenshot({ fullPage: true });
    await testInfo.attach(`${name} (${colorScheme})`, { body, contentType: "image/png" });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

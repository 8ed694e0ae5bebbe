/** Selectors for the Notifications page. */
import type { Page } from "@playwright/test";

export const notificationsPage = {
  navLink: (page: Page) => page.getByRole("navigation").getByRole("link", { name: "Notifications" }),
  heading: (page: Page) => page.getByRole("heading", { name: "Notifications", level: 1 }),
  addButton: (page: Page) => page.getByRole("button", { name: "Add channel" }),
  nameField: (page: Page) => page.getByRole("dialog").getByLabel("Name", { exact: true }),
  urlField: (page: Page) => page.getByRole("dialog").getByLabel("Webhook URL"),
  connectionsChoice: (page: Page, name: "All connections" | "Chosen connections") =>
    page.getByRole("dialog").getByRole("radio", { name }),
  connectionChoice: (page: Page, name: string) =>
    page.getByRole("dialog").getByRole("group", { name: "Chosen connections" }).getByRole("checkbox", { name }),
  submit: (page: Page) => page.getByRole("dialog").getByRole("button", { name: "Add channel" }),
  signingSecret: (page: Page) => page.getByTestId("new-signing-secret"),
  done: (page: Page) => page.getByRole("dialog").getByRole("button", { name: "Done" }),
  channelRow: (page: Page, name: string) => page.getByTestId("channel-row").filter({ hasText: name }),
  sendTestEvent: (page: Page, name: string) => page.getByRole("button", { name: `Send test event to ${name}` }),
  deliveryRows: (page: Page, channelName: string) => page.getByTestId("delivery-row").filter({ hasText: channelName }),
  deleteButton: (page: Page, name: string) => page.getByRole("button", { name: `Delete ${name}` }),
  confirmDelete: (page: Page) => page.getByRole("dialog").getByRole("button", { name: "Delete channel" }),
  redeliver: (page: Page, channelName: string) =>
    page.getByTestId("delivery-row").filter({ hasText: channelName }).getByRole("button", { name: "Redeliver" }),
};

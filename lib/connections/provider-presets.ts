/**
 * Provider presets: endpoint templates and typical settings for well-known providers. Templates
 * hold `{placeholder}` names (a tenant, instance, domain, realm, region) that the admin fills in;
 * each placeholder's pattern keeps the substituted value inside a host name or path segment.
 */
import {
  PROVIDER_PRESETS,
  type PresetEndpoints,
  type PresetPlaceholder,
  type ProviderPreset,
} from "@/lib/connections/provider-preset-catalogue";
import type { ConnectionFieldValues } from "@/lib/connections/connection-fields";

export const PROVIDER_TYPES = PROVIDER_PRESETS.map((p) => p.id);

export function findProviderPreset(id: string): ProviderPreset | undefined {
  return PROVIDER_PRESETS.find((p) => p.id === id);
}

export function providerLabel(id: string): string {
  return findProviderPreset(id)?.label ?? id;
}

/** Why a placeholder value is not usable, or undefined when it is. */
export function placeholderProblem(placeholder: PresetPlaceholder, value: string | undefined): string | undefined {
  const v = (value ?? "").trim();
  if (!v) return `${placeholder.label} is required.`;
  if (placeholder.options && !placeholder.options.some((o) => o.value === v)) return placeholder.patternMessage;
  if (!placeholder.pattern.test(v)) return placeholder.patternMessage;
  return undefined;
}

/**
 * Replaces `{key}` in a template with the preset's validated values. Returns undefined while a
 * placeholder is missing or invalid, so a half-filled template never reaches a URL field.
 */
export function substitutePlaceholders(
  template: string,
  preset: ProviderPreset,
  params: Record<string, string>,
): string | undefined {
  let missing = false;
  const result = template.replace(/\{([a-z]+)\}/g, (_match, key: string) => {
    const placeholder = preset.placeholders.find((p) => p.key === key);
    const value = params[key]?.trim() ?? "";
    if (!placeholder || placeholderProblem(placeholder, value)) {
      missing = true;
      return "";
    }
    return value;
  });
  return missing ? undefined : result;
}

/** The preset's endpoints with its placeholders filled in; undefined while a value is missing. */
export function resolvePresetEndpoints(
  preset: ProviderPreset,
  params: Record<string, string>,
): PresetEndpoints | undefined {
  const resolved: PresetEndpoints = {};
  for (const [field, template] of Object.entries(preset.endpoints) as [keyof PresetEndpoints, string][]) {
    const value = substitutePlaceholders(template, preset, params);
    if (value === undefined) return undefined;
    resolved[field] = value;
  }
  return resolved;
}

/**
 * What choosing a provider on the wizard's first step fills in: its endpoints (placeholders
 * resolved), typical scopes and settings. Null for a custom provider or while a value is missing.
 */
export function presetFormValues(
  providerType: string,
  providerParams: Record<string, string>,
): { label: string; values: Partial<ConnectionFieldValues> } | null {
  const preset = findProviderPreset(providerType);
  if (!preset || preset.id === "custom") return null;
  const endpoints = resolvePresetEndpoints(preset, providerParams);
  if (!endpoints) return null;
  return {
    label: preset.label,
    values: {
      issuer: endpoints.issuer ?? "",
      authorizationUrl: endpoints.authorizationUrl ?? "",
      tokenUrl: endpoints.tokenUrl ?? "",
      userinfoUrl: endpoints.userinfoUrl ?? "",
      revocationUrl: endpoints.revocationUrl ?? "",
      jwksUrl: endpoints.jwksUrl ?? "",
      discoveryMetadata: null,
      scopes: [...preset.scopes],
      ...(preset.grantType ? { grantType: preset.grantType } : {}),
      clientAuthMethod: preset.clientAuthMethod ?? "client_secret_basic",
      authParams: preset.authParams ? preset.authParams.map((p) => ({ ...p })) : [],
    },
  };
}

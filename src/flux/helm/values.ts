/**
 * The values a HelmRelease installs with, composed as helm-controller composes them (fluxcd/pkg
 * chartutil `ChartValuesFromReferences`): each `valuesFrom` entry in order — a ConfigMap's `data` or a
 * Secret's `data` (base64-decoded; `stringData` as the API server merges it) at `valuesKey` — merged as a
 * YAML map, or, with `targetPath`, set at that path (strvals syntax) after the inline values are merged in;
 * the inline `values` are merged last. Later entries win; maps merge key by key, anything else replaces.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { GoYamlError, unmarshalYamlMap } from '../../helm/chart/go-yaml.js';
import { parseSetInto, parseSetStringInto, StrvalsError } from '../../helm/chart/strvals.js';
import { cloneValue, getField, isMap, optionalScalarString, type YamlMap } from '../../yaml/values.js';
import type { ObjectLocation } from '../model.js';
import { locateField } from '../model.js';
import { base64Decode, hasSopsMetadata, type ClusterObjectLookup } from '../substitute.js';
import type { HelmReleaseSpec, ValuesReference } from './spec.js';

/** The composed values, or why the controller would fail. */
export interface ComposedValues {
  values: YamlMap;
  diagnostics: Diagnostic[];
  /** False when a reference cannot be resolved (the controller fails the release). */
  ok: boolean;
}

/** chartutil.MergeMaps: `b` over `a`, maps merged recursively, other values replaced. */
export function mergeMaps(a: YamlMap, b: YamlMap): YamlMap {
  const out: YamlMap = { ...a };
  for (const k of Object.keys(b)) {
    const bv = getField(b, k);
    if (bv === undefined) continue;
    const av = getField(out, k);
    Object.defineProperty(out, k, {
      value: isMap(bv) && isMap(av) ? mergeMaps(av, bv) : bv,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** The text of a ConfigMap or Secret key, as the controller reads it; undefined when the key is absent. */
function readKey(object: YamlMap, kind: string, key: string): string | undefined {
  if (kind === 'ConfigMap') return optionalScalarString(dataField(object, 'data', key));
  const stringData = optionalScalarString(dataField(object, 'stringData', key));
  if (stringData !== undefined) return stringData;
  const raw = optionalScalarString(dataField(object, 'data', key));
  return raw === undefined ? undefined : (base64Decode(raw) ?? raw);
}

function dataField(object: YamlMap, field: string, key: string): ReturnType<typeof getField> {
  const data = getField(object, field);
  return isMap(data) ? getField(data, key) : undefined;
}

/** Sets `text` at `path` as helm-controller's ReplacePathValue / ReplacePathLiteralValue do. */
function setAtPath(values: YamlMap, path: string, text: string, literal: boolean): void {
  if (literal) {
    parseSetStringInto(`${path}=${text.replace(/[\\,[\]{}]/g, (c) => `\\${c}`)}`, values);
    return;
  }
  const quoted = /^'.*'$|^".*"$/s.test(text) && text.length >= 1;
  if (quoted) parseSetStringInto(`${path}=${text.replace(/^['"]+|['"]+$/g, '')}`, values);
  else parseSetInto(`${path}=${text}`, values);
}

/** fluxcd/pkg's ErrValuesReference text. */
function referenceError(ref: ValuesReference, namespace: string, reason: string): string {
  const opt = ref.optional ? ' optional' : '';
  return `could not resolve${opt} ${ref.kind} chart values reference '${namespace}/${ref.name}' with key '${ref.valuesKey}': ${reason}`;
}

/** Composes the values of a HelmRelease from the cluster's ConfigMaps and Secrets. */
export function composeValues(
  spec: HelmReleaseSpec,
  lookup: ClusterObjectLookup,
  where: ObjectLocation | undefined,
): ComposedValues {
  const out: ComposedValues = { values: {}, diagnostics: [], ok: true };
  const inline = cloneValue(spec.values);
  let result: YamlMap = {};
  spec.valuesFrom.forEach((ref, i) => {
    if (!out.ok) return;
    const report = (reason: string, severity: Diagnostic['severity']): void => {
      out.diagnostics.push(
        diagnostic(
          'helm/values-from',
          severity,
          `HelmRelease ${spec.namespace}/${spec.name}: ${referenceError(ref, spec.namespace, reason)}`,
          {
            file: where?.file,
            range: locateField(where, ['spec', 'valuesFrom', i]),
            path: `/spec/valuesFrom/${i}`,
            source: 'flux',
          },
        ),
      );
      if (severity === 'error') out.ok = false;
    };
    if (ref.kind !== 'ConfigMap' && ref.kind !== 'Secret') {
      report('unsupported values reference kind', 'error');
      return;
    }
    const found = lookup(ref.kind, spec.namespace, ref.name);
    const text = found ? readKey(found.object, ref.kind, ref.valuesKey) : undefined;
    if (text === undefined) {
      report(found ? 'key not found' : 'resource not found', ref.optional ? 'info' : 'error');
      return;
    }
    if (found && ref.kind === 'Secret' && hasSopsMetadata(found.object)) {
      report('the Secret is SOPS-encrypted (kustomize-ts never decrypts); its values are left out', 'warning');
      return;
    }
    try {
      if (ref.targetPath !== undefined) {
        result = mergeMaps(result, inline);
        setAtPath(result, ref.targetPath, text, ref.literal);
      } else {
        result = mergeMaps(result, unmarshalYamlMap(text));
      }
    } catch (e) {
      if (!(e instanceof StrvalsError || e instanceof GoYamlError)) throw e;
      report(
        ref.targetPath !== undefined
          ? `failed to merge value: ${e.message}`
          : `failed to read values data: ${e.message}`,
        'error',
      );
    }
  });
  out.values = mergeMaps(result, inline);
  return out;
}

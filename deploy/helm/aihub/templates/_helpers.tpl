{{- define "aihub.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "aihub.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels of every object but the component's, which each adds. */}}
{{- define "aihub.baseLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "aihub.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "aihub.labels" -}}
{{ include "aihub.baseLabels" . }}
app.kubernetes.io/component: gateway
{{- end }}

{{- define "aihub.selectorLabels" -}}
app.kubernetes.io/name: {{ include "aihub.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: gateway
{{- end }}

{{- define "aihub.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "aihub.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret holding AIHUB_ADMIN_KEY and AIHUB_SECRET_KEY. */}}
{{- define "aihub.keysSecretName" -}}
{{- default (include "aihub.fullname" .) .Values.auth.existingSecret }}
{{- end }}

{{/* True (non-empty) when every replica sees one database: several replicas are possible. */}}
{{- define "aihub.sharedDatabase" -}}
{{- if or .Values.postgresql.enabled .Values.externalDatabase.url .Values.externalDatabase.existingSecret }}true{{ end }}
{{- end }}

{{/* True (non-empty) when more than one pod may serve at once. */}}
{{- define "aihub.multipleReplicas" -}}
{{- if or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1) }}true{{ end }}
{{- end }}

{{- define "aihub.terminationGracePeriodSeconds" -}}
{{- add (int .Values.drainTimeoutSeconds) (int .Values.preStopSleepSeconds) (int .Values.terminationGraceMarginSeconds) }}
{{- end }}

{{/*
A generated value kept across upgrades: the one already in the live Secret when there is one
(helm template and a first install see none), else a new one.
*/}}
{{- define "aihub.keptOrGenerated" -}}
{{- $existing := lookup "v1" "Secret" .context.Release.Namespace .secret }}
{{- if and $existing (hasKey $existing.data .key) }}
{{- index $existing.data .key | b64dec }}
{{- else }}
{{- .generated }}
{{- end }}
{{- end }}

{{- define "aihub.postgresql.fullname" -}}
{{- printf "%s-postgresql" (include "aihub.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "aihub.redis.fullname" -}}
{{- printf "%s-redis" (include "aihub.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "aihub.validate" -}}
{{- if and (include "aihub.multipleReplicas" .) (not (include "aihub.sharedDatabase" .)) }}
{{- fail "AIHub on SQLite serves from one replica: set externalDatabase.url, externalDatabase.existingSecret or postgresql.enabled before replicaCount > 1 or autoscaling.enabled" }}
{{- end }}
{{- if and .Values.externalDatabase.url .Values.postgresql.enabled }}
{{- fail "choose one database: externalDatabase.url or postgresql.enabled" }}
{{- end }}
{{- if and .Values.externalRedis.url .Values.redis.enabled }}
{{- fail "choose one Redis: externalRedis.url or redis.enabled" }}
{{- end }}
{{- if le (int .Values.drainTimeoutSeconds) 0 }}
{{- fail "drainTimeoutSeconds must be positive" }}
{{- end }}
{{- end }}

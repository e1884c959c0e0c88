// Templates for the differential suite, grouped by what they exercise. Each one
// runs through `docker ...` and `imgscope ...` with the same arguments.

/** Go text/template language features, run by `image inspect` (typed pass, then raw). */
export const LANGUAGE = [
	'', 'plain text', 'a{{/* comment */}}b', 'a {{- /* trimmed */ -}} b', '{{- .Os -}}', '  {{- .Os}}  |', '{{-3}}', '{{3 -}} x',
	'{{"str"}}', '{{`raw\\n`}}', "{{'a'}}", "{{'\\n'}}", '{{0x1F}}', '{{0o17}}', '{{017}}', '{{0b101}}', '{{1_000}}', '{{-0}}',
	'{{1.5}}', '{{1e3}}', '{{1e-7}}', '{{0x1p4}}', '{{1i}}', '{{true}} {{false}}', '{{nil}}', '{{print nil}}', '{{printf "%v" nil}}',
	'{{$x := .Os}}{{$x}}', '{{$x := 1}}{{$x = 2}}{{$x}}', '{{$x := 1}}{{if true}}{{$x := 2}}{{end}}{{$x}}', '{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}',
	'{{$y}}', '{{$.Os}}', '{{with $c := .Config}}{{$c.User}}{{end}}', '{{$a, $b := 1}}', '{{range $i, $t := .RepoTags}}{{$i}}={{$t}};{{end}}',
	'{{if .RepoTags}}tagged{{else}}untagged{{end}}', '{{if eq .Os "windows"}}w{{else if eq .Os "linux"}}l{{else}}?{{end}}',
	'{{if and .Os .Architecture}}both{{end}}', '{{if or .Comment .Author}}x{{else}}none{{end}}', '{{if not .Comment}}no comment{{end}}',
	'{{with .Comment}}[{{.}}]{{else}}-{{end}}', '{{with .Config.User}}u={{.}}{{else with .Os}}os={{.}}{{end}}', '{{with .Config}}{{.WorkingDir}}{{end}}',
	'{{range .RepoTags}}{{.}} {{else}}none{{end}}', '{{range .RootFS.Layers}}{{slice . 7 12}},{{end}}', '{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}',
	'{{range .Config.Env}}{{if eq . "APP_HOME=/app"}}{{break}}{{end}}{{.}};{{end}}', '{{range .Config.Env}}{{if eq . "APP_HOME=/app"}}{{continue}}{{end}}{{.}};{{end}}',
	'{{range 3}}{{.}}{{end}}', '{{range $i := 2}}{{$i}}{{end}}', '{{range .Nope}}x{{end}}', '{{range .Size}}x{{end}}', '{{range $i, $e := .Config.Entrypoint}}{{$i}}{{$e}}{{end}}',
	'{{define "t"}}[{{.}}]{{end}}{{template "t" .Os}}', '{{define "t"}}[{{.}}]{{end}}{{template "t"}}', '{{block "b" .Architecture}}<{{.}}>{{end}}',
	'{{template "nope"}}', '{{define "a"}}A{{template "b"}}{{end}}{{define "b"}}B{{end}}{{template "a"}}', '{{range $i, $x := .RepoTags}}{{template "x" $x}}{{end}}{{define "x"}}<{{.}}>{{end}}',
	'{{(.Config).User}}', '{{(index .RepoTags 0)}}', '{{.Config.Labels | len}}', '{{.Os | printf "%s-%s" .Architecture}}', '{{"x" | printf "%s%s" "y"}}',
	'{{len "héllo"}}', '{{index "abc" 1}}', '{{slice "abcdef" 1 3}}', '{{slice "abcdef" 2}}', '{{slice .RepoTags 0 1}}', '{{slice .RepoTags 1 0}}',
	'{{index .RepoTags 10}}', '{{index .Config.Labels "maintainer"}}', '{{index .Config.Labels "nope"}}', '{{index . "Id"}}', '{{index 1 2}}',
	'{{and 1 0 2}}', '{{or 0 "" "x"}}', '{{and}}', '{{not 0}} {{not 1}} {{not ""}}', '{{and .Comment .Nope}}', '{{or .Os .Nope}}',
	'{{eq 1 1}} {{eq 1 2}} {{eq "a" "a" "b"}}', '{{eq 1 "1"}}', '{{ne .Os "linux"}}', '{{lt 1 2}} {{le 2 2}} {{gt 1 2}} {{ge 3 2}}', '{{lt "a" "b"}}',
	'{{lt 1.5 2}}', '{{eq .RepoTags .RepoTags}}', '{{eq nil nil}}', '{{lt true false}}', '{{eq 2 2.0}}', '{{eq -1 18446744073709551615}}',
	'{{print 1 2 "a" 3 "b" "c"}}', '{{print}}', '{{println "a" 1}}', '{{printf "%d|%5d|%-5d|%05d|%+d|%x|%X|%o|%O|%b|%c|%U|%q" 42 42 42 42 42 255 255 8 8 5 65 9731 65}}',
	'{{printf "%s|%10s|%-10s|%.2s|%q|%x|% x|%X" "hey" "hey" "hey" "hey" "hé\\n" "hi" "hi" "hi"}}', '{{printf "%v %t %v" true false nil}}',
	'{{printf "%f|%.2f|%8.3f|%e|%E|%g|%G|%.3g" 3.14159 2.675 1.5 123456.789 0.000123 1e21 1e-7 1234.5678}}', '{{printf "%.0f %.0f %.1f" 0.5 1.5 0.25}}',
	'{{printf "%d" "x"}}', '{{printf "%s"}}', '{{printf "%s" 1 2}}', '{{printf "%!"}}', '{{printf "%%"}}', '{{printf "%*d" 5 1}}', '{{printf "%[2]s %[1]s" "a" "b"}}',
	'{{printf "%v" .Config.Labels}}', '{{printf "%+v" .RootFS}}', '{{printf "%#v" .Os}}', '{{printf "%T" .}}', '{{printf "%T" .Config}}', '{{printf "%T %T" 1 1.5}}',
	'{{printf "%6.2f%%" 12.3456}}', '{{printf "%x" "héllo"}}', '{{printf "%q" .RepoTags}}', '{{printf "%s" .Size}}', '{{printf "%d" .Size}}', '{{printf "%v" .Metadata}}',
	'{{html "<a href=\\"x\\">&\'</a>"}}', '{{js "it\'s \\"q\\" <b> & \\u2028"}}', '{{urlquery "a b&c=d/é"}}', '{{html .Os 1}}', '{{js 1 2}}', '{{urlquery}}',
	'{{len .Nope}}', '{{len 3}}', '{{call .Os}}', '{{call}}', '{{nope}}', '{{.Os.Nope}}', '{{.Config.Nope}}', '{{.Nope.Nope}}', '{{$.Nope}}',
	'{{.Os 1}}', '{{"a" 1}}', '{{1 2}}', '{{.}}x{{', '{{end}}', '{{if}}{{end}}', '{{range}}{{end}}', '{{with .Os}}', '{{else}}', '{{break}}',
	'{{define "x"}}{{end}}{{define "x"}}y{{end}}', '{{.Os | nope}}', '{{template .Os}}', '{{printf "%s" (1)}}', '{{(1) 2}}', '{{$x := }}', '{{.Os =}}',
	'{{"unterminated}}', '{{`raw}}', "{{'ab'}}", '{{0x}}', '{{1..2}}', '{{/* unclosed }}', '{{.Os}', '}}', '{{ }}', '{{"\\z"}}', '{{-}}',
	'line1\nline2 {{.Os}}\n{{.Nope}}', '{{if .Os}}\n{{.Nope}}\n{{end}}', 'é{{.Nope}}', '{{.Os}}\t{{.Architecture}}',
	// complex constants and Go's invalid UTF-8 bytes
	'{{printf "%v %.2f %+v %d" 1i 2.5i -0i 1i}}', '{{1+2i}} {{eq 1i 1i}} {{if 0i}}t{{end}}', '{{json 1i}}', '{{lt 1i 2i}}',
	'{{printf "%q|%x|%5s|" (truncate "héllo" 2) (slice "héllo" 0 2) (truncate "héllo" 2)}}', '{{upper (truncate "héllo" 2)}}{{json (slice "é" 1)}}', '{{"\xc3\xa9\xff"}}',
];

/** docker's template functions (templates.go). */
export const DOCKER_FUNCS = [
	'{{json .RepoTags}}', '{{json .Config}}', '{{json .RootFS}}', '{{json .Metadata}}', '{{json .Size}}', '{{json .Os}}', '{{json "<&>\\u2028"}}', '{{json nil}}',
	'{{json .Config.Labels}}', '{{json .ContainerConfig}}', '{{json .Config.Healthcheck}}', '{{json .GraphDriver}}', '{{json .Descriptor}}', '{{json .Manifests}}',
	'{{json .RepoDigests}}', '{{json .Config.OnBuild}}', '{{json .Config.ExposedPorts}}', '{{json 1.5}}', '{{json 1e21}}', '{{json}}', '{{json .Nope}}',
	'{{split "a,b,,c" ","}}', '{{split .Os ""}}', '{{len (split "a:b" ":")}}', '{{index (split (index .RepoTags 0) ":") 1}}', '{{split 1 2}}',
	'{{join .RepoTags ", "}}', '{{join .Config.Env "|"}}', '{{join (split "a-b" "-") "+"}}', '{{join .RootFS.Layers ""}}', '{{join .Os ","}}', '{{join .Config.Labels ","}}',
	'{{title "hello wORLD-x_y"}}', '{{title .Os}}', '{{title "ǆemal"}}', '{{lower "HeLLo ÉTÉ"}}', '{{upper "straße ǆ"}}', '{{upper .Architecture}}', '{{upper 1}}',
	'{{pad .Os 2 3}}|', '{{pad "" 2 2}}|', '{{pad .Os 0 0}}', '{{pad .Os -1 0}}', '{{pad .Os}}', '{{truncate .ID 19}}', '{{truncate .Os 100}}', '{{truncate "héllo" 2}}',
	'{{truncate .Os -1}}', '{{truncate .Os 0}}|', '{{.Os | upper | lower | title}}', '{{json (split .Os "n")}}', '{{json .Config.Labels | len}}',
];

/** Fields of image.InspectResponse (typed pass) and of the raw JSON (second pass). */
export const FIELDS = [
	'{{.ID}}', '{{.Id}}', '{{.RepoTags}}', '{{.RepoDigests}}', '{{.Parent}}', '{{.Comment}}', '{{.Created}}', '{{.Container}}', '{{.DockerVersion}}',
	'{{.Author}}', '{{.Architecture}}', '{{.Variant}}', '{{.Os}}', '{{.OsVersion}}', '{{.Size}}', '{{.VirtualSize}}', '{{.GraphDriver.Name}}',
	'{{.GraphDriver.Data.MergedDir}}', '{{.RootFS}}', '{{.RootFS.Type}}', '{{.RootFS.Layers}}', '{{len .RootFS.Layers}}', '{{.Metadata}}',
	'{{.Metadata.LastTagTime}}', '{{.Metadata.LastTagTime.Unix}}', '{{.Metadata.LastTagTime.Year}}', '{{.Metadata.LastTagTime.Format "2006-01-02"}}',
	'{{.Metadata.LastTagTime.IsZero}}', '{{.Descriptor}}', '{{.Manifests}}', '{{len .Manifests}}', '{{.Config.User}}', '{{.Config.Env}}', '{{.Config.Cmd}}',
	'{{.Config.Entrypoint}}', '{{.Config.WorkingDir}}', '{{.Config.Labels}}', '{{.Config.StopSignal}}', '{{.Config.ArgsEscaped}}', '{{.Config.ExposedPorts}}',
	'{{.Config.Volumes}}', '{{.Config.OnBuild}}', '{{.Config.Shell}}', '{{.Config.Healthcheck}}', '{{.Config.Healthcheck.Test}}', '{{.Config.Healthcheck.Interval}}',
	'{{.Config.Healthcheck.Timeout}}', '{{.Config.Healthcheck.StartPeriod}}', '{{.Config.Healthcheck.Retries}}', '{{.Config.Healthcheck.Interval.Seconds}}',
	'{{.Config.Hostname}}', '{{.Config.Image}}', '{{.Config.Tty}}', '{{.Config.ImageConfig.User}}', '{{.Config.DockerOCIImageConfigExt}}',
	'{{.ContainerConfig.Hostname}}', '{{.ContainerConfig.Cmd}}', '{{.ContainerConfig.Image}}', '{{.ContainerConfig.Labels}}', '{{.ContainerConfig.StopTimeout}}',
	'{{.ContainerConfig.ExposedPorts}}', '{{.ContainerConfig.Entrypoint}}', '{{.ContainerConfig.MacAddress}}', '{{.ContainerConfig.NetworkDisabled}}',
	'{{.RootFS.BaseLayer}}', '{{.GraphDriver.Data}}', '{{.Config}}', '{{.ContainerConfig}}', '{{.}}', '{{json .}}', '{{printf "%+v" .}}',
	'{{printf "%T" .ContainerConfig.Cmd}} {{printf "%T" .ContainerConfig.ExposedPorts}} {{printf "%T" .Config.Healthcheck}} {{printf "%T" .Manifests}}',
	'{{.Size.String}}', '{{.Size.Int64}}', '{{.Created.Year}}', '{{.Metadata.LastTagTime.Nope}}', '{{.Config.Labels.maintainer}}', '{{.Config.Labels.nope}}',
	'{{index .Config.Labels "org.opencontainers.image.title"}}', '{{.Config.ExposedPorts.nope}}', '{{range $p, $_ := .Config.ExposedPorts}}{{$p}}{{end}}',
	'{{range $k, $v := .GraphDriver.Data}}{{$k}} {{end}}', '{{with .Config.Healthcheck}}{{.Interval}}/{{.Timeout}}/{{.Retries}}{{end}}',
	'{{if .Config.Healthcheck}}{{slice .Size 0 1}}{{end}}{{.Config.Labels.maintainer}}', '{{.Id}}{{.Config.Labels.nope}}',
	'{{$x := .Id}}{{.Size}} {{len .Size}}', '{{$x := .Id}}{{.Metadata}}', '{{$x := .Id}}{{.Config.Healthcheck.Interval}}', '{{$x := .Id}}{{.Config.Volumes}}',
	'{{$x := .Id}}{{.Config.OnBuild}}', '{{$x := .Id}}{{json .Config}}', '{{$x := .Id}}{{.}}', '{{$x := .Id}}{{.Config}}', '{{$x := .Id}}{{.RootFS}}',
	'{{$x := .Id}}{{printf "%T %T %T" .Size .Config .RepoTags}}', '{{$x := .Id}}{{.Size.Int64}}', '{{$x := .Id}}{{.Size.Float64}}', '{{$x := .Id}}{{index .Config "Env" 1}}',
];

/** `image ls` formats (run with a reference that names stable fixture images). */
export const LS_FORMATS = [
	'', 'table', 'json', 'raw', '{{.ID}}', '{{.Repository}}:{{.Tag}}', '{{.Digest}}', '{{.CreatedSince}}', '{{.CreatedAt}}', '{{.Size}}', '{{.Containers}}',
	'{{.VirtualSize}}', '{{.SharedSize}}', '{{.UniqueSize}}', '{{json .}}', '{{.}}', '{{printf "%T" .}}', '{{.Header}}', '{{.FullHeader}}', '{{.MarshalJSON}}',
	'{{printf "%s" .MarshalJSON}}', '{{.Labels}}', '{{.trunc}}', '{{.i}}', '{{.Nope}}', '{{.ID.Nope}}', '{{len .ID}}', '{{upper .Repository}}', '{{json .Repository}}',
	'table {{.ID}}', 'table {{.Repository}}\\t{{.Tag}}\\t{{.Size}}', 'table {{.Repository}}\t{{.Tag}}', 'table  {{.ID}}  ', 'table\\t{{.ID}}', '  {{.ID}}  ',
	'{{.ID}}\\n', '{{.ID}}\\t{{.Tag}}', 'tablefoo {{.ID}}', 'table {{.ID|len}}', 'table {{lower .Repository}}\\t{{upper .Tag}}', 'table {{title .Size}}',
	'table {{json .}}', 'table {{.ID}}|{{json .}}', 'table {{split .ID "a"}}', 'table {{join .ID ","}}', 'table {{truncate .Repository 3}}', 'table {{pad .ID 1 1}}',
	'table {{.Label "a_b.c-d"}}', 'table {{.Nope}}', 'table {{.ID}}\\t{{.Digest}}', 'table {{printf "%-20s" .Repository}}|', 'table {{.CreatedAt}}\\t{{.CreatedSince}}',
	'table {{.Containers}}\\t{{.SharedSize}}\\t{{.UniqueSize}}\\t{{.VirtualSize}}', 'table {{if eq .Tag "1"}}one{{else}}{{.Tag}}{{end}}', 'table {{"中文"}}\\t{{.ID}}',
	'table {{.Repository}}\\t\\t{{.Tag}}', 'table {{.ID}}\\n{{.Tag}}', '{{', 'table {{', '{{range .}}{{end}}', '{{with .Repository}}{{.}}{{end}}',
];

/** `history` formats. */
export const HISTORY_FORMATS = [
	'', 'table', 'json', '{{.ID}}', '{{.CreatedSince}}', '{{.CreatedAt}}', '{{.CreatedBy}}', '{{.Size}}', '{{.Comment}}', '{{json .}}', '{{.}}',
	'{{printf "%T" .}}', '{{.Header}}', '{{.Tags}}', '{{.h}}', '{{.Nope}}', '{{len .CreatedBy}}', '{{json .CreatedBy}}', '{{.ID}}\\t{{.Size}}',
	'table {{.ID}}\\t{{.CreatedBy}}', 'table {{.CreatedBy|len}}\\t{{.Size}}', 'table {{upper .Comment}}', 'table {{json .}}', 'table {{.Nope}}', 'table {{.Comment}}|',
	'raw', 'table {{', '{{if .Comment}}{{.Comment}}{{else}}-{{end}}',
];

package config

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

var (
	sectionLine = regexp.MustCompile(`^\[([a-z_.]+)\]\s*$`)
	keyLine     = regexp.MustCompile(`^([a-z_]+) = `)
)

// Merged is default.toml with every setting the file at path makes put in
// its place (marked "# from <path>"): the whole configuration postage runs
// with, with the defaults' explanations. The file must be valid (as Load
// checks it).
func Merged(path string) (string, error) {
	if _, err := Load(path); err != nil {
		return "", err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read config: %w", err)
	}
	var file map[string]any
	if _, err := toml.Decode(string(data), &file); err != nil {
		return "", fmt.Errorf("config %s: %w", path, err)
	}
	set := map[string]any{}
	flatten("", file, set)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s merged with the built-in defaults\n", path)
	section := ""
	for _, line := range strings.SplitAfter(Default, "\n") {
		if m := sectionLine.FindStringSubmatch(line); m != nil {
			section = m[1]
		} else if m := keyLine.FindStringSubmatch(line); m != nil {
			full := m[1]
			if section != "" {
				full = section + "." + m[1]
			}
			if v, ok := set[full]; ok {
				enc, err := encodeValue(m[1], v)
				if err != nil {
					return "", fmt.Errorf("config %s: %s: %w", path, full, err)
				}
				line = enc + " # from " + path + "\n"
				delete(set, full)
			}
		}
		b.WriteString(line)
	}
	if len(set) > 0 {
		// Load refuses unknown keys, so this is a default.toml that lacks
		// a key the Config struct has: say so rather than drop it.
		keys := make([]string, 0, len(set))
		for k := range set {
			keys = append(keys, k)
		}
		return "", fmt.Errorf("config %s: settings missing from the defaults: %s", path, strings.Join(keys, ", "))
	}
	return b.String(), nil
}

func flatten(prefix string, m map[string]any, out map[string]any) {
	for k, v := range m {
		full := k
		if prefix != "" {
			full = prefix + "." + k
		}
		if sub, ok := v.(map[string]any); ok {
			flatten(full, sub, out)
			continue
		}
		out[full] = v
	}
}

func encodeValue(key string, v any) (string, error) {
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(map[string]any{key: v}); err != nil {
		return "", err
	}
	return strings.TrimRight(buf.String(), "\n"), nil
}

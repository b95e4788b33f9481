package config

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSubmitSettings(t *testing.T) {
	c := &Config{DataDir: "/data"}
	c.Submit = submitSection{Listen: "127.0.0.1:1587", UpstreamTLS: "STARTTLS", UpstreamCA: "ca.pem", Retry: "30s", RetryMax: "30m",
		MaxQueueTime: "5d", MaxSize: "10MiB", FilterListen: "127.0.0.1:10025", FilterReinject: "127.0.0.1:10026"}
	s, err := c.SubmitSettings()
	if err != nil {
		t.Fatal(err)
	}
	if s.UpstreamTLS != "starttls" || s.MaxSize != 10<<20 || s.MaxQueueTime != 5*24*time.Hour || s.UpstreamCA != filepath.Join("/data", "ca.pem") {
		t.Fatalf("settings %+v", s)
	}
	for _, tc := range []struct {
		edit func(*submitSection)
		want string
	}{
		{func(s *submitSection) { s.Listen = "1587" }, "submit.listen"},
		{func(s *submitSection) { s.Upstream = "smtp.example.com" }, "submit.upstream"},
		{func(s *submitSection) { s.UpstreamTLS = "ssl" }, "submit.upstream_tls"},
		{func(s *submitSection) { s.TLSCert = "c.pem" }, "both tls_cert and tls_key"},
		{func(s *submitSection) { s.Retry = "0s" }, "submit.retry"},
		{func(s *submitSection) { s.RetryMax = "1s" }, "below submit.retry"},
		{func(s *submitSection) { s.MaxSize = "-3" }, "submit.max_size"},
	} {
		cc := *c
		tc.edit(&cc.Submit)
		if _, err := cc.SubmitSettings(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want an error about %s", err, tc.want)
		}
	}
}

func TestDefaultSubmitSettings(t *testing.T) {
	t.Setenv("POSTAGE_HOME", t.TempDir())
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.SubmitSettings()
	if err != nil {
		t.Fatal(err)
	}
	if s.Listen != "127.0.0.1:1587" || s.FilterListen != "127.0.0.1:10025" || s.FilterReinject != "127.0.0.1:10026" || s.UpstreamTLS != "starttls" {
		t.Fatalf("defaults %+v", s)
	}
}

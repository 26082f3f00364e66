// Package queuetest runs real NATS servers with JetStream inside a test
// process (the nats-server Go module): one server, or a cluster of
// several, each on random loopback ports with its store in t.TempDir().
package queuetest

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Server starts one JetStream server and returns it; it is shut down
// when the test ends.
func Server(t testing.TB) *server.Server {
	t.Helper()
	return start(t, &server.Options{ServerName: "solo"})
}

// startWait bounds the start of a server (twice that, the election of a
// cluster's meta leader).
const startWait = time.Minute

// start runs a server with opt on loopback, JetStream on.
func start(t testing.TB, opt *server.Options) *server.Server {
	t.Helper()
	opt.Host = "127.0.0.1"
	if opt.Port == 0 {
		opt.Port = server.RANDOM_PORT
	}
	opt.JetStream = true
	opt.StoreDir = t.TempDir()
	opt.NoLog, opt.NoSigs = true, true
	s, err := server.NewServer(opt)
	if err != nil {
		t.Fatalf("nats server: %v", err)
	}
	go s.Start()
	// Deadlines for what takes milliseconds on a quiet machine: on a busy
	// one (a load of 20 on two cores) a server has been seen to take
	// more than 10 s; a server that never comes up still fails.
	if !s.ReadyForConnections(startWait) {
		s.Shutdown()
		t.Fatalf("nats server %s: not ready after %v", opt.ServerName, startWait)
	}
	t.Cleanup(func() {
		s.Shutdown()
		s.WaitForShutdown()
	})
	return s
}

// Cluster starts n JetStream servers routed to each other in one cluster
// and waits until they have elected a JetStream meta leader.
func Cluster(t testing.TB, n int) []*server.Server {
	t.Helper()
	// Every route must be known before the servers start: take n free
	// cluster ports from the kernel (a port freed here could be taken by
	// another process before the server binds it; on loopback in a test
	// that is rare, and the start then fails loudly).
	ports := make([]int, n)
	var routes []*url.URL
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatalf("free port: %v", err)
		}
		ports[i] = l.Addr().(*net.TCPAddr).Port
		l.Close()
		routes = append(routes, &url.URL{Scheme: "nats-route", Host: fmt.Sprintf("127.0.0.1:%d", ports[i])})
	}
	servers := make([]*server.Server, n)
	for i := range servers {
		servers[i] = start(t, &server.Options{
			ServerName: fmt.Sprintf("n%d", i+1),
			Cluster:    server.ClusterOpts{Name: "entente-test", Host: "127.0.0.1", Port: ports[i]},
			Routes:     routes,
		})
	}
	deadline := time.Now().Add(2 * startWait)
	for time.Now().Before(deadline) {
		for _, s := range servers {
			if s.JetStreamIsLeader() {
				return servers
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("nats cluster: no JetStream meta leader after %v", 2*startWait)
	return nil
}

// URLs is the comma-separated client URLs of servers, as a --queue flag
// takes them.
func URLs(servers ...*server.Server) string {
	var urls []string
	for _, s := range servers {
		urls = append(urls, s.ClientURL())
	}
	return strings.Join(urls, ",")
}

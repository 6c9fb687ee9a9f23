// Starts an S3-compatible server for the specs: `node serve.cjs <address> <port> <directory> <bucket> <key.pem> <cert.pem>`.
// Port 0 picks a free one. Prints one JSON line {"port": N} when it listens; stops on SIGTERM.
const fs = require('fs');
const S3rver = require('@20minutes/s3rver');

const [address, port, directory, bucket, key, cert] = process.argv.slice(2);
const server = new S3rver({
  address,
  port: Number(port),
  directory,
  silent: true,
  key: fs.readFileSync(key),
  cert: fs.readFileSync(cert),
  configureBuckets: [{ name: bucket }],
});
server.run().then(
  (listening) => console.log(JSON.stringify({ port: listening.port })),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));

/** One engine the explorer can switch to (the Engines list): a docker context, or DOCKER_HOST. */
export interface EngineChoice {
	name: string;
	/** The docker endpoint: unix:///var/run/docker.sock, tcp://host:2376, ssh://... */
	endpoint: string;
	description: string;
	/** The context docker uses now (`docker context ls` marks it with `*`). */
	current: boolean;
	/** Whether it answered a ping: undefined while not known yet. */
	answers?: boolean;
	/** The error when it did not answer. */
	error?: string;
	/** Where it comes from: a context, or the DOCKER_HOST environment variable. */
	from: 'context' | 'env';
	/** TLS material of a context's endpoint, when it has any. */
	tls?: {ca?: string; cert?: string; key?: string; skipVerify?: boolean};
}

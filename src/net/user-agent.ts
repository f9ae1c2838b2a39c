import packageJson from '../../package.json' with { type: 'json' }

/**
 * How the action names itself to ECS and to GitHub, which asks every integration to say
 * who it is (https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent).
 */
export const USER_AGENT = `ecs-bluegreen-action/${packageJson.version}`

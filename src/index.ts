import { run } from './action/main.js'
import { post } from './commands/post.js'
import * as core from './action/workflow-commands.js'

// One bundle serves both steps of action.yml; the post step sees the state main saved.
if (core.getState('isPost') === 'true') {
  await post()
} else {
  core.saveState('isPost', 'true')
  await run()
}
